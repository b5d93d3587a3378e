import { useMutation, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Space, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";
import { createProgram, type ProgramSummary, programListQuery } from "../api/programs.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { beijingTime, beijingYear } from "../format/time.ts";
import { useUnitAccess } from "./use-unit-access.ts";

const route = getRouteApi("/_app/t/$tenant/units/$id/programs");

/** A unit's creation programs; its staff start a new one, blank or imported from text. */
export function ProgramsPage() {
  const { t, i18n } = useTranslation();
  const { tenant, id: unitId } = route.useParams();
  const { ownUnit, readOnly } = useUnitAccess(unitId);
  const navigate = useNavigate();
  const list = useQuery(programListQuery(tenant, unitId));
  const year = beijingYear();
  const create = useMutation({
    mutationFn: () =>
      createProgram(tenant, unitId, {
        title: t("program.untitled", { year }),
        startYear: year,
        endYear: year,
        targetLevel: "city",
        sections: [],
      }),
    onSuccess: (program) =>
      navigate({ to: "/t/$tenant/programs/$programId", params: { tenant, programId: program.id } }),
  });

  const columns: TableColumnsType<ProgramSummary> = [
    {
      title: t("program.title"),
      dataIndex: "title",
      render: (title: string, p) => (
        <Link to="/t/$tenant/programs/$programId" params={{ tenant, programId: p.id }}>
          {title}
        </Link>
      ),
    },
    { title: t("program.period"), key: "period", width: 120, render: (_, p) => `${p.startYear}–${p.endYear}` },
    {
      title: t("program.targetLevel"),
      dataIndex: "targetLevel",
      width: 140,
      render: (l: ProgramSummary["targetLevel"]) => t(`targetLevel.${l}`),
    },
    {
      title: t("program.status"),
      key: "status",
      width: 160,
      render: (_, p) => (
        <Space size={4}>
          <Tag color={p.status === "published" ? "success" : "default"}>{t(`programStatus.${p.status}`)}</Tag>
          {p.publishedVersion > 0 ? <Tag>{t("program.versionN", { n: p.publishedVersion })}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t("program.updatedAt"),
      dataIndex: "updatedAt",
      width: 150,
      render: (at: string) => beijingTime(at),
    },
  ];

  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="programs" ownUnit={ownUnit}>
      <Card
        title={t("program.listTitle")}
        extra={
          readOnly ? null : (
            <Space>
              <Button
                onClick={() =>
                  void navigate({ to: "/t/$tenant/units/$id/programs/import", params: { tenant, id: unitId } })
                }
                data-testid="program-import"
              >
                {t("program.importFromText")}
              </Button>
              <Button
                type="primary"
                onClick={() => create.mutate()}
                loading={create.isPending}
                data-testid="program-new"
              >
                {t("program.new")}
              </Button>
            </Space>
          )
        }
      >
        {create.error ? (
          <Alert type="error" showIcon title={errorText(create.error, i18n.language)} style={{ marginBottom: 16 }} />
        ) : null}
        {list.isError ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ProgramSummary>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isPending}
            pagination={false}
            locale={{ emptyText: t("program.empty") }}
            data-testid="program-list"
          />
        )}
      </Card>
    </UnitFrame>
  );
}
