import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserForSuite, fitsThePhone, openRoundLike, PHONE_CONTEXT, tenantApi, tenantSession } from "./flow.ts";
import { openSession, type Session, signIn, skip } from "./helpers.ts";

// Every role's home says what waits for it: each to-do with the count the API gives and, where the kind has one,
// the days left; at phone width nothing sticks out.

const TENANT = "sichuan";
/** Each test signs in twice (desktop and phone) and the unit's sets up a round: more than the default minute. */
const SLOW = 150_000;

interface Todo {
  today: string;
  items: Array<{ kind: string; round: { id: string }; count: number; daysLeft: number | null }>;
  outsideRounds: Array<{ kind: string; count: number }>;
}

/** Waits until the to-do card has its data (no skeleton), then compares every count with the API's. */
async function homeShowsTheCounts(page: Page, staffWithUnitList: boolean): Promise<Todo> {
  const card = page.getByTestId("todo-card");
  await card.waitFor();
  await card.getByTestId("todo-loading").waitFor({ state: "detached" });
  const todo = await tenantApi(page, TENANT).get<Todo>("/todo");
  if (todo.items.length === 0 && todo.outsideRounds.length === 0) {
    await card.getByTestId("todo-empty").waitFor();
    return todo;
  }
  for (const item of todo.outsideRounds)
    expect(await card.getByTestId(`todo-${item.kind}`).textContent()).toContain(String(item.count));
  const pending = todo.outsideRounds.find((i) => i.kind === "units_pending")?.count ?? 0;
  if (staffWithUnitList) expect(await page.getByTestId("preset-pending").textContent()).toMatch(`待审核 ${pending}`);
  for (const roundId of new Set(todo.items.map((i) => i.round.id))) {
    const row = card.locator(`[data-testid="todo-round"][data-round-id="${roundId}"]`);
    const items = todo.items.filter((i) => i.round.id === roundId);
    for (const item of items)
      expect(await row.getByTestId(`todo-${item.kind}`).textContent(), item.kind).toContain(String(item.count));
    const due = items.find((i) => i.daysLeft !== null);
    if (due?.daysLeft != null) {
      const text = await row.getByTestId("todo-days-left").textContent();
      expect(text).toMatch(/截止/);
      expect(text).toContain(due.daysLeft === 0 ? "今天" : String(Math.abs(due.daysLeft)));
    }
  }
  return todo;
}

describe.skipIf(skip)("each role's home says what waits for it", () => {
  const suite = browserForSuite();

  async function phone(email: string, path: string): Promise<Session> {
    const s = await openSession(suite.browser, PHONE_CONTEXT);
    suite.sessions.push(s);
    await signIn(s.page, email);
    await s.page.waitForURL(`**${path}`);
    return s;
  }

  it(
    "the office's home: units pending approval (also on the 待审核 button) and every open round with its days left",
    async () => {
      const s = await tenantSession(suite.browser, TENANT, "admin@sichuan.demo");
      suite.sessions.push(s);
      const todo = await homeShowsTheCounts(s.page, true);
      expect(todo.outsideRounds.find((i) => i.kind === "units_pending")?.count).toBeGreaterThan(0);
      expect(todo.items.some((i) => i.kind === "round_intake" && i.round.id === `${TENANT}-round-open`)).toBe(true);
      const small = await phone("admin@sichuan.demo", `/t/${TENANT}`);
      await homeShowsTheCounts(small.page, true);
      await fitsThePhone(small.page, "the office's home");
      expect(s.errors).toEqual([]);
    },
    SLOW,
  );

  for (const [who, email] of [
    ["the province's reviewer", "province@sichuan.demo"],
    ["a city reviewer", "deyang@sichuan.demo"],
  ] as const) {
    it(
      `${who}'s home shows each to-do with the API's count and days left, units pending approval in scope too`,
      async () => {
        const s = await tenantSession(suite.browser, TENANT, email);
        suite.sessions.push(s);
        const todo = await homeShowsTheCounts(s.page, true);
        // The province approves in every city, where the demo has registrations waiting.
        if (email.startsWith("province")) expect(todo.outsideRounds[0]).toMatchObject({ kind: "units_pending" });
        const small = await phone(email, `/t/${TENANT}`);
        await homeShowsTheCounts(small.page, true);
        await fitsThePhone(small.page, `${who}'s home`);
        expect(s.errors).toEqual([]);
      },
      SLOW,
    );
  }

  it(
    "a unit's home says how many items are still missing before it can submit, and the days left to the deadline",
    async () => {
      const admin = await tenantSession(suite.browser, TENANT, "admin@sichuan.demo");
      suite.sessions.push(admin);
      const { round } = await openRoundLike(tenantApi(admin.page, TENANT), `${TENANT}-round-open`, "首页待办测试评选");
      const s = await tenantSession(suite.browser, TENANT, "unit@sichuan.demo");
      suite.sessions.push(s);
      await tenantApi(s.page, TENANT).send("post", `/rounds/${round.id}/applications`, { channel: "city" }, 201);
      await s.page.reload();
      const todo = await homeShowsTheCounts(s.page, false);
      const mine = todo.items.filter((i) => i.round.id === round.id).map((i) => i.kind);
      expect(mine).toEqual(expect.arrayContaining(["drafts", "items_missing"]));
      expect(todo.items.find((i) => i.kind === "items_missing" && i.round.id === round.id)?.count).toBeGreaterThan(0);
      const small = await phone("unit@sichuan.demo", `/t/${TENANT}`);
      await homeShowsTheCounts(small.page, false);
      await fitsThePhone(small.page, "the unit's home");
      expect(s.errors).toEqual([]);
    },
    SLOW,
  );

  it(
    "the platform's home counts the offices in use and suspended",
    async () => {
      const s = await openSession(suite.browser);
      suite.sessions.push(s);
      await signIn(s.page, "platform@wenming.demo");
      await s.page.waitForURL("**/platform");
      const res = await s.page.request.get("/api/admin/tenants");
      const { items } = (await res.json()) as { items: Array<{ status: string }> };
      const value = (key: string) =>
        s.page.getByTestId(`platform-${key}`).locator(".ant-statistic-content").textContent();
      await s.page.getByTestId("platform-offices").waitFor();
      expect(await value("offices")).toBe(String(items.length));
      expect(await value("suspendedOffices")).toBe(String(items.filter((o) => o.status === "suspended").length));
      const small = await phone("platform@wenming.demo", "/platform");
      await small.page.getByTestId("platform-offices").waitFor();
      await fitsThePhone(small.page, "the platform's home");
      expect(s.errors).toEqual([]);
    },
    SLOW,
  );
});
