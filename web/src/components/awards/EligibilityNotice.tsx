import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { Eligibility, IneligibleReason } from "../../api/awards.ts";
import { titleName } from "./title-name.ts";

/** One reason a unit cannot apply, in the UI language. */
function ReasonText({ reason }: { reason: IneligibleReason }) {
  const { t } = useTranslation();
  return (
    <li data-testid="ineligible-reason" data-code={reason.code}>
      {t(`awards.reason.${reason.code}`, {
        title: titleName(t, reason.level),
        date: reason.validUntil ?? reason.namedOn ?? "",
        held: reason.held ?? 0,
        required: reason.required ?? 0,
      })}
    </li>
  );
}

/** What a round's title gate asks for: "须持有有效的市级文明单位称号（或连续 2 届）". */
export function useRequirementText() {
  const { t } = useTranslation();
  return (rule: { requiresTitle: Eligibility["requiresTitle"]; orConsecutiveTerms: number | null }) => {
    if (!rule.requiresTitle) return t("awards.noRequirement");
    const title = titleName(t, rule.requiresTitle);
    return rule.orConsecutiveTerms
      ? t("awards.requiresOrTerms", { title, n: rule.orConsecutiveTerms })
      : t("awards.requires", { title });
  };
}

/**
 * Unit staff: whether their unit meets the round's title gate. Ineligible units see why instead of an
 * apply button that would fail; eligible ones see nothing unless the gate matters (a title, a yellow card).
 */
export function EligibilityNotice({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useTranslation();
  const requirement = useRequirementText()(eligibility);
  if (!eligibility.eligible) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t("awards.notEligible")}
        data-testid="not-eligible"
        description={
          <>
            <div>{requirement}</div>
            <ul style={{ margin: "4px 0", paddingInlineStart: 20 }}>
              {eligibility.reasons.map((reason) => (
                <ReasonText key={reason.code} reason={reason} />
              ))}
            </ul>
            <div>{t("awards.askOffice")}</div>
          </>
        }
      />
    );
  }
  if (eligibility.basis === "no_requirement") return null;
  const verdict =
    eligibility.basis === "consecutive_terms"
      ? t("awards.eligibleByTerms", { n: eligibility.orConsecutiveTerms ?? 0 })
      : t("awards.eligible");
  return (
    <Alert
      type={eligibility.warned ? "warning" : "success"}
      showIcon
      title={`${verdict}（${requirement}）`}
      description={eligibility.warned ? t("awards.warned") : undefined}
      data-testid="eligible"
    />
  );
}
