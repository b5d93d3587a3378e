import { describe, expect, it } from "vitest";
import {
  composeCreditCode,
  creditCodeCheckChar,
  isValidCreditCode,
  organizationCodeCheckChar,
} from "../../worker/domain/credit-code.ts";

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts published real-world codes", () => {
    // The worked example of the standard's explanatory material.
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
  });

  it("computes the check character over the first 17 characters", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("refuses a changed character, a wrong length and letters outside the code set", () => {
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("91350100I000100Y43")).toBe(false);
  });

  it("accepts lower case and surrounding spaces", () => {
    expect(isValidCreditCode(" 91350100m000100y43 ")).toBe(true);
  });

  it("computes GB 11714 organisation-code check characters, X and 0 included", () => {
    // GB 11714's own example: D2143569-X.
    expect(organizationCodeCheckChar("D2143569")).toBe("X");
    expect(["X", "0", ...Array.from({ length: 10 }, (_, i) => String(i))]).toContain(
      organizationCodeCheckChar("00000001"),
    );
  });

  it("composes valid codes for demo data", () => {
    for (let serial = 0; serial < 200; serial++) {
      const code = composeCreditCode("12", "510600", serial);
      expect(code).toHaveLength(18);
      expect(isValidCreditCode(code)).toBe(true);
    }
  });
});
