import { describe, expect, it } from "vitest";
import {
  type AuditFields,
  checkChain,
  firstBrokenLink,
  GENESIS,
  linkEvents,
  type SealedAuditEvent,
  type StoredAuditEvent,
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

  /** Events sealed in one pass, ordered by seq. */
  async function chainOf(ids: string[]): Promise<SealedAuditEvent[]> {
    const links = await linkEvents(
      null,
      ids.map((id) => event(id)),
    );
    return links.map((link) => ({ ...event(link.id), ...link }));
  }

  it("an untouched chain verifies, numbered from 1 with the genesis hash first", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chain[0]?.prevHash).toBe(GENESIS);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(await firstBrokenLink(chain)).toBe(-1);
  });

  it("sealing in two passes links exactly as sealing in one", async () => {
    const once = await chainOf(["a", "b", "c", "d"]);
    const first = await linkEvents(null, [event("a"), event("b")]);
    const head = first.at(-1);
    if (!head) throw new Error("nothing sealed");
    const second = await linkEvents(head, [event("c"), event("d")]);
    expect([...first, ...second]).toEqual(once.map(({ id, seq, prevHash, hash }) => ({ id, seq, prevHash, hash })));
  });

  it("an edited event breaks the chain at that event", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    const edited = chain.map((e, i) => (i === 1 ? { ...e, action: "unit.reject" } : e));
    expect(await firstBrokenLink(edited)).toBe(1);
  });

  it("a deleted event leaves a gap in seq where the chain breaks", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    expect(await firstBrokenLink([chain[0], chain[2]].filter((e) => e !== undefined))).toBe(1);
  });

  it("a deleted last event is not a break, but the chain is one shorter than the seq numbers said", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    expect(await firstBrokenLink(chain.slice(0, 2))).toBe(-1);
  });

  it("a deleted first event breaks the chain at the start", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    expect(await firstBrokenLink(chain.slice(1))).toBe(0);
  });

  it("two events whose seq numbers were swapped break the chain where the first of them now sits", async () => {
    const chain = await chainOf(["a", "b", "c", "d"]);
    const [a, b, c, d] = chain as [SealedAuditEvent, SealedAuditEvent, SealedAuditEvent, SealedAuditEvent];
    const swapped = [a, { ...c, seq: 2 }, { ...b, seq: 3 }, d];
    expect(await firstBrokenLink(swapped)).toBe(1);
  });

  it("an event deleted and inserted again is sealed at the end, leaving a gap where it was", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    const [a, , c] = chain as [SealedAuditEvent, SealedAuditEvent, SealedAuditEvent];
    const [again] = await linkEvents(c, [event("b")]);
    if (!again) throw new Error("nothing sealed");
    const stored: StoredAuditEvent[] = [a, c, { ...event("b"), ...again }];
    expect(await checkChain(stored)).toEqual({ sealed: 3, unsealed: 0, broken: { seq: 3, id: "c" } });
  });

  it("renumbering every event keeps the links but not the numbering from 1", async () => {
    const chain = await chainOf(["a", "b"]);
    expect(await firstBrokenLink(chain.map((e) => ({ ...e, seq: e.seq + 1 })))).toBe(0);
  });

  it("a sealed event whose hash was cleared breaks the chain", async () => {
    const chain = await chainOf(["a", "b"]);
    expect(await firstBrokenLink(chain.map((e, i) => (i === 1 ? { ...e, hash: null } : e)))).toBe(1);
  });

  it("the chain check orders by seq, verifies the sealed events and counts the unsealed ones", async () => {
    const chain = await chainOf(["a", "b", "c"]);
    const unsealed: StoredAuditEvent = { ...event("d"), seq: null, prevHash: null, hash: null };
    expect(await checkChain([chain[2], unsealed, chain[0], chain[1]].filter((e) => e !== undefined))).toEqual({
      sealed: 3,
      unsealed: 1,
      broken: null,
    });
    expect(await checkChain([])).toEqual({ sealed: 0, unsealed: 0, broken: null });
  });

  it("digests do not depend on key order", () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(stableStringify({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
