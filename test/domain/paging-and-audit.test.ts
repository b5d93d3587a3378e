import { describe, expect, it } from "vitest";
import {
  type AuditFields,
  chainHash,
  firstBrokenLink,
  GENESIS,
  stableStringify,
} from "../../worker/domain/audit-chain.ts";
import { MAX_PAGE_SIZE, paging } from "../../worker/domain/paging.ts";

describe("paging", () => {
  it("clamps an oversize page size to the maximum instead of honouring it", () => {
    expect(paging(1, 10_000)).toEqual({ page: 1, pageSize: MAX_PAGE_SIZE, offset: 0 });
  });

  it("defaults and computes the offset", () => {
    expect(paging(undefined, undefined)).toEqual({ page: 1, pageSize: 20, offset: 0 });
    expect(paging(3, 50)).toEqual({ page: 3, pageSize: 50, offset: 100 });
  });
});

describe("audit chain", () => {
  const event = (id: string): AuditFields => ({
    id,
    chain: "t-1",
    tenantId: "t-1",
    actorUserId: "u-1",
    actorRole: "reviewer",
    action: "unit.approve",
    targetType: "unit",
    targetId: "unit-1",
    beforeDigest: null,
    afterDigest: null,
    reason: null,
    createdAt: "2026-11-22T10:00:00.000Z",
  });

  async function chainOf(ids: string[]) {
    const out: Array<AuditFields & { prevHash: string; hash: string }> = [];
    let prev = GENESIS;
    for (const id of ids) {
      const hash = await chainHash(event(id), prev);
      out.push({ ...event(id), prevHash: prev, hash });
      prev = hash;
    }
    return out;
  }

  it("an untouched chain verifies", async () => {
    expect(await firstBrokenLink(await chainOf(["a", "b", "c"]))).toBe(-1);
  });

  it("an edited event breaks the chain at that event", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    const edited = chain.map((e, i) => (i === 1 ? { ...e, action: "unit.reject" } : e));
    expect(await firstBrokenLink(edited)).toBe(1);
  });

  it("a dropped event breaks the chain after the gap", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    expect(await firstBrokenLink([chain[0], chain[2]].filter((e) => e !== undefined))).toBe(1);
  });

  it("digests do not depend on key order", () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(stableStringify({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
