import { Packer } from "docx";
import { strFromU8, unzipSync } from "fflate";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoredContent } from "../../web/src/api/programs.ts";
import type { RankingRow } from "../../web/src/api/ranking.ts";
import { applicationPrintDoc } from "../../web/src/components/print/application-print.ts";
import { buildDocx } from "../../web/src/components/print/docx-document.ts";
import type { PrintDoc } from "../../web/src/components/print/print-model.ts";
import { programPrintDoc } from "../../web/src/components/print/program-print.ts";
import { rankingPrintDoc } from "../../web/src/components/print/ranking-print.ts";
import zhCN from "../../web/src/i18n/zh-CN.json" with { type: "json" };

// The Word exports (web/src/components/print): each document is packed as the browser would, then its
// word/document.xml is read back to find what staff file: the unit, a measure's 责任部室, an item's 说明, a ranking row.

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { "zh-CN": { translation: zhCN } },
    lng: "zh-CN",
    interpolation: { escapeValue: false },
  });
});

/** The document's body XML and its section's page size, from the packed .docx. */
async function packed(doc: PrintDoc): Promise<{ xml: string; text: string }> {
  const buffer = await Packer.toBuffer(buildDocx(doc));
  const files = unzipSync(new Uint8Array(buffer));
  const entry = files["word/document.xml"];
  if (!entry) throw new Error("no word/document.xml in the package");
  const xml = strFromU8(entry);
  // Runs split text across <w:t> elements; join them to search the words as a reader sees them.
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  return { xml, text };
}

function expectA4(xml: string) {
  // 210 × 297 mm in twips (1 mm = 56.7 twips).
  expect(xml).toMatch(/<w:pgSz w:w="1190[0-9]" w:h="1683[0-9]"/);
}

const program: StoredContent = {
  title: "德阳市图书馆创建省级文明单位工作方案",
  startYear: 2025,
  endYear: 2027,
  targetLevel: "province",
  sections: [
    {
      id: "s1",
      kind: "guiding",
      heading: "一、指导思想",
      text: "以习近平新时代中国特色社会主义思想为指导。",
      items: [],
    },
    {
      id: "s2",
      kind: "measures",
      heading: "三、重点工作",
      text: "",
      items: [
        {
          id: "m1",
          title: "开展道德讲堂",
          text: "每季度举办一期。",
          departments: ["办公室", "宣传部"],
          lead: "张明",
          dueDate: "2025-12-31",
          progress: 40,
          status: "in_progress",
          criterionCode: null,
        },
      ],
    },
  ],
};

const rankingRow = (rank: number, unitName: string): RankingRow => ({
  applicationId: `app-${rank}`,
  unitId: `unit-${rank}`,
  unitName,
  city: "德阳市",
  sector: "文化系统",
  status: "city_recommended",
  aggregate: 91.5 - rank,
  extraPoints: 2,
  rank,
  cityRank: rank,
  sectorRank: rank,
  poolRank: rank,
  pool: null,
  vetoed: false,
  vetoReason: null,
  blind: false,
  reviewerTotals: [90, 92],
  gates: { onsite: true, naming: true },
});

describe("Word exports", () => {
  it("a program's .docx holds its title, its unit, each measure's 责任部室 and deadline, on A4 in 宋体 and 黑体", async () => {
    const doc = programPrintDoc(i18n.t, {
      content: program,
      unitName: "德阳市图书馆",
      version: { number: 2, publishedAt: "2025-03-01T02:00:00Z" },
    });
    expect(doc.fileName).toBe("《德阳市图书馆》创建工作方案.docx");
    const { xml, text } = await packed(doc);
    expectA4(xml);
    expect(text).toContain("德阳市图书馆创建省级文明单位工作方案");
    expect(text).toContain("德阳市图书馆");
    expect(text).toContain("办公室、宣传部");
    expect(text).toContain("2025-12-31");
    expect(text).toContain("第 2 版（2025-03-01 发布）");
    expect(xml).toContain('w:eastAsia="SimSun"');
    expect(xml).toContain('w:eastAsia="SimHei"');
    // The measures are a table whose header row repeats on every page and whose rows do not split.
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain("<w:cantSplit/>");
  });

  it("an application's .docx lists each item's self-score, 说明 and evidence by category, the self total and the report", async () => {
    const doc = applicationPrintDoc(i18n.t, {
      app: {
        unit: { id: "u1", name: "旌阳区人民医院" },
        status: "submitted",
        submittedAt: "2025-06-01T08:30:00Z",
        selfTotal: 8.5,
        items: [
          {
            itemCode: "A1.1",
            selfPoints: 4.5,
            selfGrade: null,
            note: "每月组织理论学习一次",
            files: [{ name: "学习记录.pdf" }],
          },
        ],
      },
      roundTitle: "2025 年度省级文明单位评选",
      system: {
        maxTotal: 100,
        categories: [
          {
            code: "A1",
            title: "思想道德建设",
            items: [
              { code: "A1.1", title: "理论学习", maxPoints: 5 },
              { code: "A1.2", title: "道德讲堂", maxPoints: 5 },
            ],
          },
        ],
        bonusItems: [],
        deductionItems: [],
      },
      report: {
        content: {
          title: "旌阳区人民医院创建工作报告",
          sections: [{ id: "p1", heading: "一、基本情况", text: "医院现有职工 860 人。", items: [] }],
        },
      },
    });
    expect(doc.fileName).toBe("《旌阳区人民医院》申报材料.docx");
    const { xml, text } = await packed(doc);
    expectA4(xml);
    expect(text).toContain("旌阳区人民医院");
    expect(text).toContain("A1 思想道德建设");
    expect(text).toContain("每月组织理论学习一次");
    expect(text).toContain("学习记录.pdf");
    expect(text).toContain("未自评");
    expect(text).toContain("8.5 分（满分 100 分）");
    expect(text).toContain("医院现有职工 860 人。");
  });

  it("a ranking's .docx has one table row per unit with its rank, city, sector, score and status, and says the filters", async () => {
    const doc = rankingPrintDoc(i18n.t, {
      roundTitle: "2025 年度省级文明单位评选",
      rows: [rankingRow(1, "德阳市图书馆"), rankingRow(2, "绵竹市档案馆")],
      filters: [{ label: "市", value: "德阳市" }],
    });
    expect(doc.fileName).toBe("《2025 年度省级文明单位评选》排名.docx");
    const { xml, text } = await packed(doc);
    expectA4(xml);
    expect(text).toContain("市：德阳市");
    expect(text).toContain("共 2 家");
    expect(text).toContain("绵竹市档案馆");
    expect(text).toContain("文化系统");
    expect(text).toContain("89.5");
    expect(text).toContain("市级推荐");
    expect(xml.match(/<w:tr>/g)).toHaveLength(3);
  });

  it("a file name never carries characters Windows refuses", () => {
    const doc = rankingPrintDoc(i18n.t, { roundTitle: "2025/2026 评选: 第一批", rows: [], filters: [] });
    expect(doc.fileName).toBe("《2025_2026 评选_ 第一批》排名.docx");
  });
});
