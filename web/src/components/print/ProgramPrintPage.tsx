import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { programQuery, programVersionQuery, programVersionsQuery } from "../../api/programs.ts";
import { unitDetailQuery } from "../../api/queries.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { PrintView } from "./PrintView.tsx";
import { programPrintDoc } from "./program-print.ts";

const route = getRouteApi("/_app/t/$tenant/programs/$programId/print");

/** A program to print or export: its latest published version unless the reader picks another or the draft. */
export function ProgramPrintPage() {
  const { t } = useTranslation();
  const { tenant, programId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const program = useQuery(programQuery(tenant, programId));
  const versions = useQuery(programVersionsQuery(tenant, programId));
  const unit = useQuery({ ...unitDetailQuery(tenant, program.data?.unitId ?? ""), enabled: program.isSuccess });
  const published = program.data?.publishedVersion ?? 0;
  const chosen = search.version ?? (published > 0 ? published : "draft");
  const version = useQuery({
    ...programVersionQuery(tenant, programId, typeof chosen === "number" ? chosen : 0),
    enabled: program.isSuccess && typeof chosen === "number",
  });

  const failed = program.error ?? unit.error ?? version.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void program.refetch()} />;
  const content = chosen === "draft" ? program.data?.draft : version.data?.content;
  const doc =
    content && unit.data
      ? programPrintDoc(t, {
          content,
          unitName: unit.data.name,
          version: chosen === "draft" || !version.data ? null : version.data,
        })
      : undefined;
  const options = [
    ...(versions.data?.items ?? [])
      .map((v) => ({ value: v.number, label: t("program.versionN", { n: v.number }) }))
      .sort((a, b) => b.value - a.value),
    { value: "draft" as const, label: t("print.program.draft") },
  ];
  return (
    <PrintView
      doc={doc}
      back={
        <Link to="/t/$tenant/programs/$programId" params={{ tenant, programId }}>
          ← {t("print.back")}
        </Link>
      }
      extra={
        <Select<number | "draft">
          size="small"
          aria-label={t("print.program.pick")}
          style={{ minWidth: 160 }}
          value={chosen}
          options={options}
          loading={versions.isPending}
          onChange={(value) => void navigate({ search: { version: value }, replace: true })}
          data-testid="print-program-version"
        />
      }
    />
  );
}
