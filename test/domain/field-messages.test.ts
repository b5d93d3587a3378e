import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  fieldMaps,
  joined,
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_FREE,
  NO_LONE_SURROGATES,
  splitBilingual,
  textProblem,
  unknownFields,
  zodFieldProblems,
} from "../../worker/domain/field-messages.ts";

describe("splitting the codebase's 中文 / English texts", () => {
  it("splits at the separator between the Chinese and the English half", () => {
    expect(splitBilingual("当前密码不正确 / the current password is wrong")).toEqual({
      zh: "当前密码不正确",
      en: "the current password is wrong",
    });
  });

  it("keeps a slash inside either half where it is", () => {
    expect(splitBilingual("系统/行业无法识别：教育 / 卫生 / unknown sector")).toEqual({
      zh: "系统/行业无法识别：教育 / 卫生",
      en: "unknown sector",
    });
    expect(splitBilingual("得分比例须在 0–100% 之间 / a grade's share is 0 / 100 %")).toEqual({
      zh: "得分比例须在 0–100% 之间",
      en: "a grade's share is 0 / 100 %",
    });
  });

  it("a text that is not a pair is the same in both languages", () => {
    expect(splitBilingual("Invalid input")).toEqual({ zh: "Invalid input", en: "Invalid input" });
    expect(splitBilingual("仅中文")).toEqual({ zh: "仅中文", en: "仅中文" });
    expect(splitBilingual("a / b")).toEqual({ zh: "a / b", en: "a / b" });
  });

  it("fieldMaps gives the same keys in the same order in both maps", () => {
    const maps = fieldMaps({
      b: ["甲 / a", { zh: "乙", en: "b" }],
      a: ["丙 / c"],
    });
    expect(maps.fields).toEqual({ b: ["甲", "乙"], a: ["丙"] });
    expect(maps.fieldsEn).toEqual({ b: ["a", "b"], a: ["c"] });
    expect(Object.keys(maps.fieldsEn)).toEqual(["b", "a"]);
  });

  it("a pair joined for a zod message splits back to itself", () => {
    for (const message of [NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_FREE, NO_LONE_SURROGATES]) {
      expect(splitBilingual(joined(message))).toEqual(message);
    }
  });
});

describe("zod issues in both languages", () => {
  const schema = z.strictObject({
    name: z.string().trim().min(1).max(3),
    days: z.number().int().min(1).max(30),
    email: z.email(),
    level: z.enum(["city", "province"]),
    tags: z.array(z.string()).max(1),
    reason: z.string().min(2, "请说明理由 / give a reason"),
  });

  it("wrong values: plain Chinese, zod's English", () => {
    const input = { name: "长长长长", days: 0, email: "x", level: "county", tags: ["a", "b"], reason: "x", extra: 1 };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const problems = zodFieldProblems(result.error?.issues ?? [], input);
    expect(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.map((m) => m.zh)]))).toEqual({
      name: ["最多 3 个字符"],
      days: ["不能小于 1"],
      email: ["邮箱格式不正确"],
      level: ["须为以下之一：city、province"],
      tags: ["最多 1 项"],
      reason: ["请说明理由"],
      _: ["未知字段：extra"],
    });
    expect(problems.days?.[0]?.en).toMatch(/too small/i);
    expect(problems.reason?.[0]?.en).toBe("give a reason");
    expect(problems._?.[0]?.en).toBe("unknown field(s): extra");
  });

  it("missing values read 必填 / required; without the input zod's wording stays", () => {
    const result = schema.safeParse({});
    const problems = zodFieldProblems(result.error?.issues ?? [], {});
    expect(problems.name).toEqual([{ zh: "必填", en: "required" }]);
    expect(problems.level).toEqual([{ zh: "必填", en: "required" }]);
    const blind = zodFieldProblems(result.error?.issues ?? []);
    expect(blind.name?.[0]?.zh).toBe("应为文本");
  });

  it("unknown fields name every field in both languages", () => {
    expect(unknownFields(["status", "tenantId"])).toEqual({
      zh: "未知字段：status、tenantId",
      en: "unknown field(s): status, tenantId",
    });
  });
});

describe("names and free text", () => {
  it("names refuse every control character, line breaks and tabs included", () => {
    for (const bad of ["a\u0000b", "a\nb", "a\tb", "a\u007fb", "a\u0085b", "\u001b[31m"]) {
      expect(textProblem(bad, "name"), JSON.stringify(bad)).toEqual(NO_CONTROL_CHARACTERS);
    }
  });

  it("free text keeps line breaks and tabs, refuses other control characters", () => {
    expect(textProblem("第一行\n第二行\r\n\t缩进", "free")).toBeUndefined();
    expect(textProblem("a\u0000b", "free")).toEqual(NO_CONTROL_CHARACTERS_FREE);
    expect(textProblem("a\u000bb", "free")).toEqual(NO_CONTROL_CHARACTERS_FREE);
  });

  it("lone surrogates are refused; pairs (emoji, rare characters) pass", () => {
    for (const bad of ["\ud800", "a\udc00", "\udc00\ud800"]) {
      expect(textProblem(bad, "name")).toEqual(NO_LONE_SURROGATES);
      expect(textProblem(bad, "free")).toEqual(NO_LONE_SURROGATES);
    }
    expect(textProblem("四川省文明办 🌸 𠀀", "name")).toBeUndefined();
    expect(textProblem("　　全角缩进的段落", "free")).toBeUndefined();
  });
});
