import { useTranslation } from "react-i18next";
import { ButtonLink } from "../ranking/ButtonLink.tsx";

/** 打印 / 导出 Word on a program's page: opens its print view (the latest published version, or the draft). */
export function ProgramPrintLink({ tenant, programId }: { tenant: string; programId: string }) {
  const { t } = useTranslation();
  return (
    <ButtonLink
      size="small"
      to="/t/$tenant/programs/$programId/print"
      params={{ tenant, programId }}
      data-testid="program-print"
    >
      {t("print.entry")}
    </ButtonLink>
  );
}

/** 打印 / 导出 Word on an application's page: opens the application with its report as one document. */
export function ApplicationPrintLink({ tenant, applicationId }: { tenant: string; applicationId: string }) {
  const { t } = useTranslation();
  return (
    <ButtonLink
      size="small"
      to="/t/$tenant/applications/$applicationId/print"
      params={{ tenant, applicationId }}
      data-testid="application-print"
    >
      {t("print.entry")}
    </ButtonLink>
  );
}
