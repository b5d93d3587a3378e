import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { peopleQuery } from "../../api/people.ts";
import { meQuery } from "../../api/queries.ts";
import { reviewerStatsQuery } from "../../api/ranking.ts";

interface Props {
  tenant: string;
  roundId: string;
  /** Admins pick among all the office's reviewers; a reviewer among the round's provincial panel and themself. */
  admin: boolean;
  value: string | null;
  known: { id: string; name: string } | null;
  onChange: (userId: string | null) => void;
}

/** Who handles an objection: a reviewer of the office. */
export function AssigneePicker({ tenant, roundId, admin, value, known, onChange }: Props) {
  const { t } = useTranslation();
  const { data: me } = useSuspenseQuery(meQuery());
  // The people list is the admin's; reviewers see the round's own reviewers (its ranking-stage statistics).
  const people = useQuery({
    ...peopleQuery(tenant, { role: "reviewer", status: "active" }),
    enabled: admin,
  });
  const panel = useQuery({ ...reviewerStatsQuery(tenant, roundId), enabled: !admin });
  const options = new Map<string, string>();
  if (known) options.set(known.id, known.name);
  if (!admin) options.set(me.user.id, t("notice.drawer.me", { name: me.user.displayName }));
  for (const p of people.data?.items ?? []) options.set(p.userId, p.displayName);
  for (const r of panel.data?.items ?? []) if (!options.has(r.reviewer.id)) options.set(r.reviewer.id, r.reviewer.name);
  return (
    <Select
      style={{ width: "100%" }}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      value={value ?? undefined}
      onChange={(id: string | undefined) => onChange(id ?? null)}
      loading={people.isFetching || panel.isFetching}
      placeholder={t("notice.drawer.assigneePlaceholder")}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      data-testid="objection-assignee"
    />
  );
}
