import { describe, expect, it } from "vitest";
import {
  addressKey,
  objectionFingerprint,
  objectionReference,
  publicTitleStatus,
} from "../../worker/domain/public-titles.ts";

describe("a title's public status", () => {
  it("shows a standing title past its valid-until date as expired, on the Beijing day given", () => {
    expect(publicTitleStatus({ status: "active", validUntil: "2026-12-31" }, "2026-12-31")).toBe("active");
    expect(publicTitleStatus({ status: "active", validUntil: "2026-12-31" }, "2027-01-01")).toBe("expired");
    expect(publicTitleStatus({ status: "warned", validUntil: "2025-12-31" }, "2026-01-01")).toBe("expired");
  });

  it("keeps revoked and lapsed as they are, whatever the date", () => {
    expect(publicTitleStatus({ status: "revoked", validUntil: "2020-12-31" }, "2026-01-01")).toBe("revoked");
    expect(publicTitleStatus({ status: "lapsed", validUntil: "2030-12-31" }, "2026-01-01")).toBe("lapsed");
  });
});

describe("objection references and fingerprints", () => {
  it("makes references of YY- and 10 unambiguous characters, different each time", () => {
    const refs = Array.from({ length: 200 }, objectionReference);
    for (const ref of refs) expect(ref).toMatch(/^YY-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("fingerprints the entry and the text with its whitespace collapsed", async () => {
    const a = await objectionFingerprint("e1", "该单位  存在\n问题");
    expect(await objectionFingerprint("e1", " 该单位 存在 问题 ")).toBe(a);
    expect(await objectionFingerprint("e2", "该单位 存在 问题")).not.toBe(a);
    expect(await objectionFingerprint("e1", "该单位存在问题")).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps a client address only as a hash", async () => {
    const key = await addressKey("203.0.113.7");
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toContain("203");
    expect(await addressKey("203.0.113.8")).not.toBe(key);
  });
});
