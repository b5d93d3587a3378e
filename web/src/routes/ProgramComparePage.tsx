import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Card, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { programDiffQuery } from "../api/programs.ts";
import { DiffView } from "../components/program/DiffView.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";

const route = getRouteApi("/_app/t/$tenant/programs/$programId/compare");

/** Two published versions side by side, as the API's diff. */
export function ProgramComparePage() {
  const { t } = useTranslation();
  const { tenant, programId } = route.useParams();
  const { from, to } = route.useSearch();
  const diff = useQuery(programDiffQuery(tenant, programId, from, to));
  return (
    <Card
      title={t("diff.title", { from, to })}
      extra={
        <Link to="/t/$tenant/programs/$programId" params={{ tenant, programId }}>
          ← {t("program.backToProgram")}
        </Link>
      }
    >
      {diff.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : diff.isError ? (
        <QueryErrorResult error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <DiffView diff={diff.data} />
      )}
    </Card>
  );
}
