import { env } from "cloudflare:workers";
import { unzipSync, zipSync } from "fflate";
import type { InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { criteriaFromXlsx, criteriaToXlsx, MAX_XLSX_UNPACKED_BYTES } from "../../worker/domain/criteria-xlsx.ts";
import { type CriteriaDocument, XLSX_TYPE } from "../../worker/schemas/criteria.ts";
import { call, type ErrorBody, ok, tenantApi } from "./client.ts";
import { signInAll } from "./fixtures.ts";

// Large workbooks inside workerd, where fflate's asynchronous zip()/unzip() would need a Web Worker for any part
// over 160 KB / 512 KiB: a system of a few hundred items used to fail to export, and its file to import.

type SystemView = InferResponseType<ReturnType<typeof tenantApi>["criteria-systems"][":id"]["$get"], 200>;

let admin: string;

beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
});

const system = (id: string) => {
  const route = tenantApi(admin)["criteria-systems"][":id"];
  const param = { tenant: "sichuan", id };
  return {
    exportJson: () => route["export.json"].$get({ param }),
    exportXlsx: () => route["export.xlsx"].$get({ param }),
  };
};

/** Deterministic "Chinese" text from a few hundred common characters, so it compresses like real text does. */
function textMaker(seed: number) {
  const chars =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (length: number) => Array.from({ length }, () => chars[Math.floor(next() * chars.length)]).join("");
}

/** A system of categories × perCategory base items plus bonus and deduction items, with realistic text lengths. */
function largeSystem(categories: number, perCategory: number, extras: number): CriteriaDocument {
  const text = textMaker(categories * 1000 + perCategory);
  const item = (code: string, index: number): CriteriaDocument["bonusItems"][number] => ({
    code,
    title: text(30),
    maxPoints: 0.5,
    mode: index % 3 === 0 ? "graded" : "points",
    grades:
      index % 3 === 0
        ? [
            { grade: "A", share: 1 },
            { grade: "B", share: 0.66 },
            { grade: "C", share: 0.33 },
            { grade: "D", share: 0 },
          ]
        : [],
    method: (["material", "onsite", "survey", "online"] as const)[index % 4] ?? "material",
    guidance: index % 5 === 0 ? "" : text(150),
    evidence: { minFiles: index % 3, maxNoteChars: 500 },
  });
  return {
    name: `大型测评体系 ${categories}×${perCategory}`,
    version: 1,
    maxTotal: categories * perCategory * 0.5,
    categories: Array.from({ length: categories }, (_, c) => ({
      code: `C${c + 1}`,
      title: text(12),
      items: Array.from({ length: perCategory }, (_, i) => item(`C${c + 1}.${i + 1}`, i)),
    })),
    bonusItems: Array.from({ length: extras }, (_, i) => item(`B${i + 1}`, i)),
    bonusCap: extras > 0 ? 10 : 0,
    deductionItems: Array.from({ length: extras }, (_, i) => item(`D${i + 1}`, i)),
    deductionCap: extras > 0 ? 10 : 0,
    vetoRules: Array.from({ length: 40 }, (_, i) => ({
      id: `V${i + 1}`,
      text: text(60),
      lookbackMonths: 24,
      threshold: i % 2 === 0 ? null : 3,
    })),
  };
}

const itemCount = (doc: {
  categories: Array<{ items: unknown[] }>;
  bonusItems: unknown[];
  deductionItems: unknown[];
}) => doc.categories.reduce((n, c) => n + c.items.length, 0) + doc.bonusItems.length + doc.deductionItems.length;

const largestPart = (bytes: Uint8Array) => Math.max(...Object.values(unzipSync(bytes)).map((part) => part.length));

/** A raw workbook upload: the typed client sends only JSON bodies, so this is a plain request. */
const importXlsx = (bytes: Uint8Array) =>
  call("/api/t/sichuan/criteria-systems/import.xlsx", {
    body: bytes,
    cookie: admin,
    headers: { "content-type": XLSX_TYPE },
  });

const systemCount = async () =>
  (await env.DB.prepare("select count(*) n from criteria_systems").first<{ n: number }>())?.n;

describe("large criteria workbooks in workerd", () => {
  it("the largest system the schema allows (1,260 items) imports, exports and re-imports unchanged", async () => {
    const doc = largeSystem(30, 40, 30);
    expect(itemCount(doc)).toBe(1260);
    const workbook = await criteriaToXlsx(doc);
    // Parts far past both of fflate's Web Worker thresholds.
    expect(largestPart(workbook)).toBeGreaterThan(512 * 1024);

    const first = await importXlsx(workbook);
    expect(first.status).toBe(201);
    const created = (await first.json()) as SystemView;
    expect(itemCount(created)).toBe(1260);

    const exported = await system(created.id).exportXlsx();
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe(XLSX_TYPE);
    const bytes = new Uint8Array(await exported.arrayBuffer());

    const second = await importXlsx(bytes);
    expect(second.status).toBe(201);
    const reimported = (await second.json()) as SystemView;
    const { id: _a, rev: _b, frozen: _c, ...before } = created;
    const { id: _d, rev: _e, frozen: _f, ...after } = reimported;
    expect(after).toEqual(before);
    // And the stored document is the one we started from.
    const stored: CriteriaDocument = await ok(system(reimported.id).exportJson());
    expect(stored).toEqual(doc);
  });

  it("a 2,000-item system round-trips through the workbook; the import route refuses it only for the schema's limits", async () => {
    const doc = largeSystem(50, 40, 0);
    expect(itemCount(doc)).toBe(2000);
    const workbook = await criteriaToXlsx(doc);
    expect(largestPart(workbook)).toBeGreaterThan(512 * 1024);
    const { doc: read, problems } = await criteriaFromXlsx(workbook);
    expect(problems).toEqual([]);
    expect(read).toEqual(doc);

    // Through the route the file is read in full; the schema (at most 30 categories) is what says no.
    const before = await systemCount();
    const refused = await importXlsx(workbook);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields ?? {})).toContain("categories");
    expect(await systemCount()).toBe(before);
  });

  it("a damaged, truncated or zip-bomb workbook is a 400 naming the file, never a 500", async () => {
    const workbook = await criteriaToXlsx(largeSystem(30, 40, 30));
    const damaged = workbook.slice();
    // Overwrite a stretch in the middle of the compressed parts.
    damaged.fill(0xa5, Math.floor(damaged.length / 2), Math.floor(damaged.length / 2) + 256);
    const truncated = workbook.slice(0, Math.floor(workbook.length / 2));
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(MAX_XLSX_UNPACKED_BYTES + 1).fill(0x20) });
    expect(bomb.length).toBeLessThan(100 * 1024);

    const before = await systemCount();
    for (const [bytes, message] of [
      [damaged, /the workbook could not be read|not a valid XLSX workbook/],
      [truncated, /not a valid XLSX workbook/],
      [bomb, /too large \(over 16 MB unpacked\)/],
    ] as const) {
      const response = await importXlsx(bytes);
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.fieldsEn?.[""]?.join("\n")).toMatch(message);
    }
    expect(await systemCount()).toBe(before);
  });
});
