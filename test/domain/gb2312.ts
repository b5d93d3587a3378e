/** Every Han character of GB 2312 (rows 16–87): the simplified characters offices type. */
export function gb2312Han(): string[] {
  const decoder = new TextDecoder("gb18030");
  const found: string[] = [];
  for (let high = 0xb0; high <= 0xf7; high++) {
    for (let low = 0xa1; low <= 0xfe; low++) {
      const ch = decoder.decode(new Uint8Array([high, low]));
      if (/^\p{Script=Han}$/u.test(ch)) found.push(ch);
    }
  }
  return found;
}
