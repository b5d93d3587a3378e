import { Button, Input, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PERSON_ROLES, PERSON_STATUSES, type PeopleSearch } from "../../api/people-search.ts";

interface Props {
  search: PeopleSearch;
  onChange: (patch: Partial<PeopleSearch>) => void;
  onReset: () => void;
}

/** Search, role and status of the people list; the URL holds their values, this only edits them. */
export function PeopleFilterBar({ search, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => setQ(search.q ?? ""), [search.q]);
  const filtered = Boolean(search.q || search.role || search.status);

  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t("people.search")}
        style={{ width: 260 }}
        value={q}
        maxLength={100}
        onChange={(event) => setQ(event.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        data-testid="people-q"
      />
      <Select
        allowClear
        placeholder={t("people.filterRole")}
        style={{ width: 150 }}
        options={PERSON_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        value={search.role}
        onChange={(role: PeopleSearch["role"]) => onChange({ role })}
        data-testid="people-role"
      />
      <Select
        allowClear
        placeholder={t("people.filterStatus")}
        style={{ width: 120 }}
        options={PERSON_STATUSES.map((status) => ({ value: status, label: t(`people.status.${status}`) }))}
        value={search.status}
        onChange={(status: PeopleSearch["status"]) => onChange({ status })}
        data-testid="people-status"
      />
      <Button onClick={onReset} disabled={!filtered}>
        {t("units.reset")}
      </Button>
    </Space>
  );
}
