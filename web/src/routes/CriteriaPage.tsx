import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Button, Card, Skeleton, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { criteriaKey, criteriaQuery } from "../api/criteria.ts";
import { CopyCriteriaModal } from "../components/criteria/CopyCriteriaModal.tsx";
import { CriteriaEditor } from "../components/criteria/CriteriaEditor.tsx";
import { CriteriaTree } from "../components/criteria/CriteriaTree.tsx";
import { ExportButtons } from "../components/criteria/ExportButtons.tsx";
import { FrozenTag } from "../components/criteria/FrozenTag.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/criteria/$criteriaId");

/** One criteria system as a tree; the tenant admin edits (while unfrozen), copies, exports. */
export function CriteriaPage() {
  const { t } = useTranslation();
  const { criteriaId } = route.useParams();
  const { tenant, membership } = useMembership();
  const admin = membership?.role === "tenant_admin";
  const queryClient = useQueryClient();
  const system = useQuery(criteriaQuery(tenant, criteriaId));
  const [editing, setEditing] = useState(false);
  const [copying, setCopying] = useState(false);

  if (system.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (system.isError) return <QueryErrorResult error={system.error} onRetry={() => void system.refetch()} />;
  const s = system.data;
  const extra = (
    <Space wrap>
      <ExportButtons tenant={tenant} system={s} />
      {admin ? (
        <Button onClick={() => setCopying(true)} data-testid="criteria-copy">
          {t("criteria.copy")}
        </Button>
      ) : null}
      {admin && !s.frozen && !editing ? (
        <Button type="primary" onClick={() => setEditing(true)} data-testid="criteria-edit">
          {t("criteria.edit")}
        </Button>
      ) : null}
    </Space>
  );
  return (
    <Card
      title={
        <Space>
          <Link to="/t/$tenant/criteria" params={{ tenant }}>
            {t("criteria.listTitle")}
          </Link>
          <span data-testid="criteria-name">{s.name}</span>
          <Tag>{t("criteria.versionN", { n: s.version })}</Tag>
          {s.frozen ? <FrozenTag /> : null}
        </Space>
      }
      extra={extra}
    >
      {editing ? (
        <CriteriaEditor
          key={s.rev}
          tenant={tenant}
          system={s}
          onSaved={(saved) => {
            queryClient.setQueryData(criteriaQuery(tenant, criteriaId).queryKey, saved);
            void queryClient.invalidateQueries({ queryKey: criteriaKey(tenant), exact: true });
            setEditing(false);
          }}
          onStale={() => void system.refetch()}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CriteriaTree system={s} />
      )}
      {admin ? <CopyCriteriaModal tenant={tenant} system={s} open={copying} onClose={() => setCopying(false)} /> : null}
    </Card>
  );
}
