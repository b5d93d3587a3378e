import { z } from "@hono/zod-openapi";
import { MEASURE_STATUSES } from "../domain/record-rules.ts";
import { PROGRAM_STATUSES, SECTION_KINDS, TITLE_LEVELS } from "../domain/vocabulary.ts";
import { freeText, IdParam, lineText, nameText } from "./common.ts";

export const SectionKind = z.enum(SECTION_KINDS);

export const TargetLevel = z.enum(TITLE_LEVELS);

export const MeasureStatus = z.enum(MEASURE_STATUSES);

const Key = z.string().min(1).max(64);

/** An entry of a section; in the measures section (重点工作) it is a measure with its 责任部室 and progress. */
export const ProgramItem = z.strictObject({
  id: Key.optional().openapi({ description: "stable id; assigned by the server when absent" }),
  title: nameText(500),
  text: freeText(20_000),
  departments: z.array(nameText(30)).max(10),
  lead: nameText(60, 0).nullable().default(null),
  dueDate: z.iso.date().nullable().default(null),
  progress: z.number().int().min(0).max(100).default(0),
  status: MeasureStatus.default("not_started"),
  criterionCode: z.string().trim().max(30).nullable().default(null),
});

export const ProgramSection = z.strictObject({
  id: Key.optional(),
  kind: SectionKind,
  heading: lineText(200),
  text: freeText(50_000),
  items: z.array(ProgramItem).max(100),
});

const Year = z.number().int().min(2000).max(2100);

/** The editable document: what a draft holds and a published version freezes. */
export const ProgramContent = z
  .strictObject({
    title: nameText(200),
    startYear: Year,
    endYear: Year,
    targetLevel: TargetLevel,
    sections: z.array(ProgramSection).max(30),
  })
  .refine((p) => p.endYear >= p.startYear && p.endYear - p.startYear <= 10, {
    path: ["endYear"],
    message: "结束年份须不早于开始年份，且期限不超过 10 年 / end year must be on or after the start, within 10 years",
  })
  .openapi("ProgramContent");

/** A stored document: every section and item has its id. */
export type ProgramDocument = Omit<z.output<typeof ProgramContent>, "sections"> & {
  sections: Array<Omit<z.output<typeof ProgramSection>, "id" | "items"> & { id: string; items: StoredItem[] }>;
};
export type StoredItem = Omit<z.output<typeof ProgramItem>, "id"> & { id: string };

export const SaveProgramBody = z
  .strictObject({ version: z.number().int().min(1), content: ProgramContent })
  .openapi("SaveProgramBody");

export const PublishBody = z.strictObject({ version: z.number().int().min(1) }).openapi("PublishBody");

const StoredItemSchema = ProgramItem.extend({ id: Key });
const StoredSectionSchema = ProgramSection.extend({ id: Key, items: z.array(StoredItemSchema) });

export const ProgramView = z
  .object({
    id: z.string(),
    unitId: z.string(),
    title: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    targetLevel: TargetLevel,
    status: z.enum(PROGRAM_STATUSES),
    publishedVersion: z.number().int(),
    version: z.number().int(),
    updatedAt: z.string(),
    draft: z.object({
      title: z.string(),
      startYear: z.number().int(),
      endYear: z.number().int(),
      targetLevel: TargetLevel,
      sections: z.array(StoredSectionSchema),
    }),
  })
  .openapi("Program");

export const ProgramSummary = ProgramView.omit({ draft: true }).openapi("ProgramSummary");

export const ProgramList = z.object({ items: z.array(ProgramSummary) }).openapi("ProgramList");

export const ProgramVersionList = z
  .object({
    items: z.array(z.object({ number: z.number().int(), publishedAt: z.string(), publishedBy: z.string().nullable() })),
  })
  .openapi("ProgramVersionList");

export const ProgramVersionView = z
  .object({ number: z.number().int(), publishedAt: z.string(), content: ProgramView.shape.draft })
  .openapi("ProgramVersion");

const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const ProgramDiff = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    fields: z.array(FieldChange),
    sections: z.array(
      z.object({
        id: z.string(),
        heading: z.string(),
        change: z.enum(["added", "removed", "changed", "moved"]),
        fields: z.array(FieldChange),
        items: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            change: z.enum(["added", "removed", "changed", "moved"]),
            fields: z.array(FieldChange),
          }),
        ),
      }),
    ),
  })
  .openapi("ProgramDiff");

export const ProgramParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });
export const UnitParams = z.object({ tenant: z.string().min(1).max(64), unitId: IdParam });
export const VersionParams = ProgramParams.extend({ number: z.coerce.number().int().min(1) });
export const DiffParams = ProgramParams.extend({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

/** Longest text the import accepts: a long program is a few tens of thousands of characters. */
export const MAX_PARSE_CHARACTERS = 100_000;

export const ParseBody = z
  .strictObject({ text: z.string().trim().min(1, "请粘贴方案文本 / paste the program text").max(MAX_PARSE_CHARACTERS) })
  .openapi("ParseBody");

const ParsedItem = z.object({ title: z.string(), text: z.string(), departments: z.array(z.string()) });

export const ParsedProgramSchema = z
  .object({
    title: z.string(),
    startYear: z.number().int().nullable(),
    endYear: z.number().int().nullable(),
    targetLevel: z.enum(["county", "city", "province", "national"]).nullable(),
    sections: z.array(
      z.object({ kind: SectionKind, heading: z.string(), text: z.string(), items: z.array(ParsedItem) }),
    ),
  })
  .openapi("ParsedProgram");
