/**
 * Conflicts of interest (回避) that follow from the organisation tree, without anyone declaring them: a reviewer
 * never scores their own unit; where the round says so, not a unit under the same parent body (主管部门); and at
 * the provincial stage, where the round says so, not a unit of their own city.
 *
 * Why derived and pure: the Worker refuses a conflicted reviewer's scores and auto-assignment skips them, so both
 * must reach the same verdict from the same facts. Checked in this order; the first that applies is the answer.
 */
import type { Stage } from "../vocabulary.ts";

export type DerivedConflict = "own_unit" | "same_parent_body" | "own_city";

const named = (s: string | null): s is string => s !== null && s.trim() !== "";

export function derivedConflict(
  reviewer: { unitId: string | null; parentBody: string | null; cityId: string | null },
  unit: { id: string; parentBody: string | null; cityId: string | null },
  stage: Stage,
  options: { avoidSameParentBody: boolean; avoidOwnCityAtProvince: boolean },
): DerivedConflict | null {
  if (reviewer.unitId !== null && reviewer.unitId === unit.id) return "own_unit";
  if (
    options.avoidSameParentBody &&
    named(reviewer.parentBody) &&
    named(unit.parentBody) &&
    reviewer.parentBody.trim() === unit.parentBody.trim()
  ) {
    return "same_parent_body";
  }
  if (
    stage === "province" &&
    options.avoidOwnCityAtProvince &&
    reviewer.cityId !== null &&
    reviewer.cityId === unit.cityId
  ) {
    return "own_city";
  }
  return null;
}
