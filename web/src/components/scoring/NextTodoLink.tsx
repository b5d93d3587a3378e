import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { type TodoKind, todoQuery } from "../../api/todo.ts";
import { ButtonLink } from "../ranking/ButtonLink.tsx";

interface Props {
  tenant: string;
  roundId: string;
  /** The application on screen: the next one is another. */
  current: string;
  kind: Extract<TodoKind, "score_forms" | "signoffs">;
}

/** After a form is submitted or a sign-off given: the next application of the round that waits for the same work. */
export function NextTodoLink({ tenant, roundId, current, kind }: Props) {
  const { t } = useTranslation();
  const todo = useQuery(todoQuery(tenant));
  const item = todo.data?.items.find((i) => i.kind === kind && i.round.id === roundId);
  const next = item?.applicationIds?.find((id) => id !== current);
  if (!item || !next) return null;
  const left = item.count - (item.applicationIds?.includes(current) ? 1 : 0);
  return (
    <ButtonLink
      size="small"
      to="/t/$tenant/applications/$applicationId/review"
      params={{ tenant, applicationId: next }}
      data-testid="next-todo"
    >
      {t(kind === "score_forms" ? "scoring.nextForm" : "scoring.nextSignoff", { n: left })}
    </ButtonLink>
  );
}
