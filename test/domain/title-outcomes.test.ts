import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AWARD_STATUSES } from "../../worker/domain/eligibility.ts";
import { applyOutcome, type TitleState, titleState } from "../../worker/domain/title-outcomes.ts";
import { TITLE_OUTCOMES } from "../../worker/domain/vocabulary.ts";

const STATES: TitleState[] = [...AWARD_STATUSES, "expired"];

describe("title outcome transitions", () => {
  it.each([
    ["active", "keep", "active"],
    ["warned", "keep", "warned"],
    ["active", "warn", "warned"],
    ["warned", "restore", "active"],
    ["active", "revoke", "revoked"],
    ["warned", "revoke", "revoked"],
    ["active", "lapse", "lapsed"],
    ["warned", "lapse", "lapsed"],
  ] as const)("%s + %s → %s", (state, outcome, status) => {
    expect(applyOutcome(state, outcome)).toEqual({ ok: true, status });
  });

  it.each([
    ["active", "restore"],
    ["warned", "warn"],
  ] as const)("%s refuses %s", (state, outcome) => {
    expect(applyOutcome(state, outcome)).toEqual({ ok: false, code: "title_transition" });
  });

  it("a revoked, lapsed or expired title accepts no outcome", () => {
    for (const state of ["revoked", "lapsed", "expired"] as const)
      for (const outcome of TITLE_OUTCOMES) expect(applyOutcome(state, outcome).ok).toBe(false);
  });

  it("no sequence of outcomes revives a revoked or lapsed title", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.array(fc.constantFrom(...TITLE_OUTCOMES), { maxLength: 12 }),
        (start, outcomes) => {
          let state: TitleState = start;
          let ended = start === "revoked" || start === "lapsed" || start === "expired";
          for (const outcome of outcomes) {
            const result = applyOutcome(state, outcome);
            if (ended) expect(result.ok).toBe(false);
            if (!result.ok) continue;
            state = result.status;
            if (state === "revoked" || state === "lapsed") ended = true;
          }
          if (ended) expect(["revoked", "lapsed", "expired"]).toContain(state);
        },
      ),
    );
  });
});

describe("title state on a day", () => {
  const award = { status: "active" as const, validUntil: "2026-12-31" };

  it("a held title is expired the day after its valid-until date, by itself", () => {
    expect(titleState(award, "2026-12-31")).toBe("active");
    expect(titleState(award, "2027-01-01")).toBe("expired");
    expect(titleState({ ...award, status: "warned" }, "2027-01-01")).toBe("expired");
  });

  it("a revoked or lapsed title keeps its status after its term", () => {
    expect(titleState({ ...award, status: "revoked" }, "2027-01-01")).toBe("revoked");
    expect(titleState({ ...award, status: "lapsed" }, "2027-01-01")).toBe("lapsed");
  });
});
