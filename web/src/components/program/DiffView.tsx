import { Card, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ProgramDiff } from "../../api/programs.ts";

type FieldChange = ProgramDiff["fields"][number];
type Change = ProgramDiff["sections"][number]["change"];

const CHANGE_COLORS: Record<Change, string> = {
  added: "success",
  removed: "error",
  changed: "warning",
  moved: "processing",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(show).join("、");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function FieldChanges({ fields }: { fields: FieldChange[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <Table<FieldChange>
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={fields}
      columns={[
        { title: t("diff.field"), dataIndex: "field", width: 140 },
        { title: t("diff.before"), dataIndex: "before", render: (v: unknown) => <del>{show(v)}</del> },
        { title: t("diff.after"), dataIndex: "after", render: (v: unknown) => <ins>{show(v)}</ins> },
      ]}
    />
  );
}

function ChangeTag({ change }: { change: Change }) {
  const { t } = useTranslation();
  return <Tag color={CHANGE_COLORS[change]}>{t(`diff.${change}`)}</Tag>;
}

/** What changed between two published versions, as the API computed it. */
export function DiffView({ diff }: { diff: ProgramDiff }) {
  const { t } = useTranslation();
  if (diff.fields.length === 0 && diff.sections.length === 0) return <Empty description={t("diff.same")} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="diff-view">
      {diff.fields.length > 0 ? (
        <Card size="small" title={t("diff.programFields")}>
          <FieldChanges fields={diff.fields} />
        </Card>
      ) : null}
      {diff.sections.map((section) => (
        <Card
          key={section.id}
          size="small"
          title={
            <Space>
              <ChangeTag change={section.change} />
              {section.heading || t("program.untitledSection")}
            </Space>
          }
        >
          <FieldChanges fields={section.fields} />
          {section.items.map((item) => (
            <div key={item.id} style={{ marginTop: 8 }}>
              <Typography.Text>
                <ChangeTag change={item.change} />
                {item.title}
              </Typography.Text>
              <FieldChanges fields={item.fields} />
            </div>
          ))}
        </Card>
      ))}
    </Space>
  );
}
