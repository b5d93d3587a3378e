import { describe, expect, it } from "vitest";
import { afterFailure, lockedForSeconds, THROTTLE_RULES, throttleKey } from "../../worker/domain/throttle.ts";

const at = (iso: string) => new Date(iso);

describe("sign-in throttle", () => {
  it("locks an account after its allowed failures within the window", () => {
    let counter = afterFailure("account", undefined, at("2026-11-22T10:00:00Z"));
    for (let i = 1; i < THROTTLE_RULES.account.maxFailures; i++) {
      expect(lockedForSeconds("account", counter, at("2026-11-22T10:01:00Z"))).toBe(0);
      counter = afterFailure("account", counter, at("2026-11-22T10:01:00Z"));
    }
    expect(counter.failures).toBe(THROTTLE_RULES.account.maxFailures);
    expect(lockedForSeconds("account", counter, at("2026-11-22T10:05:00Z"))).toBe(10 * 60);
  });

  it("unlocks once the window has passed and starts a new window on the next failure", () => {
    const counter = { failures: 99, windowStart: "2026-11-22T10:00:00.000Z" };
    expect(lockedForSeconds("account", counter, at("2026-11-22T10:15:00Z"))).toBe(0);
    expect(afterFailure("account", counter, at("2026-11-22T10:20:00Z"))).toEqual({
      failures: 1,
      windowStart: "2026-11-22T10:20:00.000Z",
    });
  });

  it("allows an IP far more failures than one account", () => {
    expect(THROTTLE_RULES.ip.maxFailures).toBeGreaterThan(THROTTLE_RULES.account.maxFailures);
    const counter = { failures: THROTTLE_RULES.account.maxFailures, windowStart: "2026-11-22T10:00:00.000Z" };
    expect(lockedForSeconds("ip", counter, at("2026-11-22T10:01:00Z"))).toBe(0);
  });

  it("keys are case-insensitive so EMAIL@X and email@x share a counter", () => {
    expect(throttleKey("account", "Deyang@Sichuan.Demo")).toBe(throttleKey("account", "deyang@sichuan.demo"));
  });
});
