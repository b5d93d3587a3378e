/** A light shape check only (length and allowed characters); the API checks the check character. */
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]*$/;

export const CREDIT_CODE_LENGTH = 18;

export function creditCodeShapeOk(value: string): boolean {
  const code = value.trim().toUpperCase();
  return code.length === CREDIT_CODE_LENGTH && SHAPE.test(code);
}
