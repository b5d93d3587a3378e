/**
 * The closed lists the domain speaks in, defined once: the database schema, the zod schemas and the
 * SPA all take them from here.
 */

/** 县级 → 全国, and their 标兵 (model) tiers: the titles programs aim at and rounds award. */
export const TITLE_LEVELS = [
  "county",
  "city",
  "province",
  "national",
  "county_model",
  "city_model",
  "province_model",
  "national_model",
] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/** An application's life: draft → submitted → city_recommended / city_returned → … → awarded. */
export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "city_returned",
  "city_recommended",
  "province_scored",
  "on_notice",
  "awarded",
  "not_awarded",
  "vetoed",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A round's phases in order. */
export const PHASES = ["draft", "applications_open", "city_review", "province_review", "notice", "named"] as const;
export type Phase = (typeof PHASES)[number];
