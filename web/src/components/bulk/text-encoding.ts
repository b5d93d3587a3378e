/**
 * Decoding an uploaded text sheet whatever Excel or WPS saved it as. Excel on Chinese Windows saves "CSV" in the
 * ANSI code page (GBK, which GB18030 extends), "CSV UTF-8" with a BOM, and "Unicode text" in UTF-16LE with a BOM.
 * Order: a byte-order mark decides; otherwise bytes that are valid UTF-8 are UTF-8 (pure ASCII included);
 * anything else is read as GB18030. Pure: runs in the browser and in Node alike.
 */
export type SheetEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: SheetEncoding;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The text of a sheet file, with the encoding it was read in; a BOM is not part of the text. */
export function decodeSheetText(input: ArrayBuffer | Uint8Array): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    // ignoreBOM: a BOM was handled above, so none is left to strip; fatal: an invalid sequence throws.
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}
