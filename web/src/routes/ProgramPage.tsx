import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Card, Col, Row, Skeleton } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Program, programQuery } from "../api/programs.ts";
import { ProgramPrintLink } from "../components/print/PrintLink.tsx";
import { ProgramDocumentView } from "../components/program/ProgramDocumentView.tsx";
import { ProgramReader } from "../components/program/ProgramReader.tsx";
import { ProgramWorkbench } from "../components/program/ProgramWorkbench.tsx";
import { VersionsCard } from "../components/program/VersionsCard.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { useUnitAccess } from "./use-unit-access.ts";

const route = getRouteApi("/_app/t/$tenant/programs/$programId");

/** One program: its staff read the published version and edit the draft; reviewers read the draft. Versions on the side. */
export function ProgramPage() {
  const { tenant, programId } = route.useParams();
  const program = useQuery(programQuery(tenant, programId));
  if (program.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (program.isError) return <QueryErrorResult error={program.error} onRetry={() => void program.refetch()} />;
  return <ProgramLoaded tenant={tenant} program={program.data} />;
}

function ProgramLoaded({ tenant, program }: { tenant: string; program: Program }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { id: programId, unitId } = program;
  const { ownUnit, readOnly } = useUnitAccess(unitId);
  const published = program.publishedVersion > 0;
  // A published program opens as a document to read; 编辑 opens the editor on its draft. One never published
  // has nothing to read yet and opens in the editor.
  const [editing, setEditing] = useState(false);
  const back = (
    <Link to="/t/$tenant/units/$id/programs" params={{ tenant, id: unitId }}>
      ← {t("program.backToList")}
    </Link>
  );
  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="programs" ownUnit={ownUnit}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 8 }}>
            {back}
            <ProgramPrintLink tenant={tenant} programId={programId} />
          </div>
          <div style={{ marginTop: 8 }}>
            {readOnly ? (
              <Card title={t("program.draftReadOnly")}>
                <ProgramDocumentView content={program.draft} />
              </Card>
            ) : editing || !published ? (
              <ProgramWorkbench
                key={program.id}
                tenant={tenant}
                program={program}
                onReload={() => queryClient.fetchQuery({ ...programQuery(tenant, programId), staleTime: 0 })}
                onDone={published ? () => setEditing(false) : undefined}
              />
            ) : (
              <ProgramReader tenant={tenant} program={program} onEdit={() => setEditing(true)} />
            )}
          </div>
        </Col>
        <Col xs={24} xl={6}>
          <VersionsCard tenant={tenant} programId={programId} />
        </Col>
      </Row>
    </UnitFrame>
  );
}
