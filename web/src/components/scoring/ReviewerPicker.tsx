import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { peopleQuery } from "../../api/people.ts";

interface Props {
  tenant: string;
  value: string[];
  /** Names of reviewers already chosen, so they show by name before any search finds them. */
  known: Map<string, string>;
  onChange: (ids: string[]) => void;
  max: number;
}

/** Picks reviewers (by user id) of the office, searched by name on the server; their place shown beside. */
export function ReviewerPicker({ tenant, value, known, onChange, max }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const people = useQuery(peopleQuery(tenant, { role: "reviewer", status: "active", ...(q ? { q } : {}) }));
  const options = new Map<string, string>(known);
  for (const p of people.data?.items ?? []) {
    options.set(p.userId, p.jurisdiction ? `${p.displayName}（${p.jurisdiction.name}）` : p.displayName);
  }
  return (
    <Select
      mode="multiple"
      style={{ width: "100%" }}
      value={value}
      onChange={(ids: string[]) => onChange(ids.slice(0, max))}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={people.isFetching}
      placeholder={t("scoring.pickReviewers")}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      maxCount={max}
      data-testid="panel-picker"
    />
  );
}
