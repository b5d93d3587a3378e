import type { TFunction } from "i18next";
import type { RoundLevel } from "../../api/rounds.ts";

/** "市级文明单位" / "City civilized unit": a title's full name in the UI language. */
export function titleName(t: TFunction, level: RoundLevel): string {
  return t("awards.levelName", { level: t(`roundLevel.${level}`) });
}
