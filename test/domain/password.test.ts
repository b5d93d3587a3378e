import { describe, expect, it } from "vitest";
import {
  hashPassword,
  parsePasswordHash,
  SCRYPT_PARAMS,
  verifyAgainstDummy,
  verifyPassword,
} from "../../worker/domain/password.ts";

describe("password hashing", () => {
  it("pins the scrypt parameters (changing them is a deliberate, reviewed act)", () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 16384, r: 8, p: 5, keyLength: 32, saltLength: 16 });
    // 128·N·r bytes per hash must fit well inside a Worker's 128 MB.
    expect(128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r).toBeLessThanOrEqual(32 * 1024 * 1024);
  });

  it("stores the algorithm and its parameters with every hash", async () => {
    const stored = await hashPassword("wenming-demo");
    expect(stored).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const parsed = parsePasswordHash(stored);
    expect(parsed).toMatchObject({ N: 16384, r: 8, p: 5, keyLength: 32 });
    expect(parsed?.salt.length).toBe(16);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("正确的密码-correct");
    expect(await verifyPassword("正确的密码-correct", stored)).toBe(true);
    expect(await verifyPassword("正确的密码-wrong", stored)).toBe(false);
  });

  it("salts each hash, so equal passwords hash differently", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses malformed or foreign hashes without throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$16384$8")).toBe(false);
  });

  it("the dummy check used for unknown accounts always fails", async () => {
    expect(await verifyAgainstDummy("dummy-password-for-timing")).toBe(false);
  });
});
