import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Card, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { programVersionQuery } from "../api/programs.ts";
import { ProgramDocumentView } from "../components/program/ProgramDocumentView.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { beijingTime } from "../format/time.ts";

const route = getRouteApi("/_app/t/$tenant/programs/$programId/versions/$number");

/** An earlier published version, read-only. */
export function ProgramVersionPage() {
  const { t } = useTranslation();
  const { tenant, programId, number } = route.useParams();
  const version = useQuery(programVersionQuery(tenant, programId, Number(number)));
  const back = (
    <Link to="/t/$tenant/programs/$programId" params={{ tenant, programId }}>
      ← {t("program.backToProgram")}
    </Link>
  );
  if (version.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (version.isError) return <QueryErrorResult error={version.error} onRetry={() => void version.refetch()} />;
  return (
    <Card
      title={`${t("program.versionN", { n: version.data.number })} · ${beijingTime(version.data.publishedAt)}`}
      extra={back}
      data-testid="version-page"
    >
      <ProgramDocumentView content={version.data.content} />
    </Card>
  );
}
