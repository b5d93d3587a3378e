/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * registration authority, organisation type, 6-digit division code, 9-character organisation code
 * (GB 11714, with its own check character), and a check character over the first 17.
 */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null if one of them is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (const [i, ch] of [...first17].entries()) {
    const value = CHARSET.indexOf(ch);
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET[(31 - (sum % 31)) % 31] ?? null;
}

export function isValidCreditCode(code: string): boolean {
  const normalized = code.trim().toUpperCase();
  return SHAPE.test(normalized) && creditCodeCheckChar(normalized.slice(0, 17)) === normalized[17];
}

/** GB 11714 check character of an 8-character organisation code body. */
export function organizationCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (const [i, ch] of [...body8].entries()) {
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (weights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/**
 * A well-formed code for demo data: registration authority and type (e.g. "11" 机构编制/机关,
 * "12" 机构编制/事业单位, "91" 工商/企业, "51" 民政/社会团体), the division code and a numeric body.
 */
export function composeCreditCode(authorityAndType: string, divisionCode: string, serial: number): string {
  const body8 = String(serial).padStart(8, "0").slice(-8);
  const first17 = `${authorityAndType}${divisionCode}${body8}${organizationCodeCheckChar(body8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}
