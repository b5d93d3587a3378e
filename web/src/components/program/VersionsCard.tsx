import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Button, Card, Empty, List, Select, Skeleton, Space } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { programVersionsQuery } from "../../api/programs.ts";
import { beijingTime } from "../../format/time.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";

/** Published versions of a program, each readable, and any two comparable. */
export function VersionsCard({ tenant, programId }: { tenant: string; programId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const versions = useQuery(programVersionsQuery(tenant, programId));
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();

  let body: ReactNode;
  if (versions.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (versions.isError) body = <QueryErrorResult error={versions.error} onRetry={() => void versions.refetch()} />;
  else if (versions.data.items.length === 0) body = <Empty description={t("program.noVersions")} />;
  else {
    const options = versions.data.items.map((v) => ({
      value: v.number,
      label: t("program.versionN", { n: v.number }),
    }));
    body = (
      <>
        <List
          size="small"
          dataSource={versions.data.items}
          data-testid="version-list"
          renderItem={(v) => (
            <List.Item
              extra={
                <Link
                  to="/t/$tenant/programs/$programId/versions/$number"
                  params={{ tenant, programId, number: String(v.number) }}
                >
                  {t("common.view")}
                </Link>
              }
            >
              <List.Item.Meta
                title={t("program.versionN", { n: v.number })}
                description={`${beijingTime(v.publishedAt)}${v.publishedBy ? ` · ${v.publishedBy}` : ""}`}
              />
            </List.Item>
          )}
        />
        {options.length > 1 ? (
          <Space wrap style={{ marginTop: 12 }}>
            <Select
              size="small"
              placeholder={t("program.compareFrom")}
              options={options}
              value={from}
              onChange={setFrom}
              style={{ width: 100 }}
            />
            <Select
              size="small"
              placeholder={t("program.compareTo")}
              options={options}
              value={to}
              onChange={setTo}
              style={{ width: 100 }}
            />
            <Button
              size="small"
              disabled={from === undefined || to === undefined || from === to}
              onClick={() =>
                from !== undefined &&
                to !== undefined &&
                void navigate({
                  to: "/t/$tenant/programs/$programId/compare",
                  params: { tenant, programId },
                  search: { from, to },
                })
              }
              data-testid="compare-versions"
            >
              {t("program.compare")}
            </Button>
          </Space>
        ) : null}
      </>
    );
  }
  return (
    <Card size="small" title={t("program.versions")}>
      {body}
    </Card>
  );
}
