import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Empty, Skeleton, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type TodoItem, type TodoList, todoQuery } from "../../api/todo.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { ButtonLink } from "../ranking/ButtonLink.tsx";
import { PhaseTag } from "../rounds/PhaseTag.tsx";

interface Props {
  tenant: string;
}

/** Days left as a tag: red within three days, orange within a week; the date is Beijing time's. */
function DaysLeft({ item }: { item: TodoItem }) {
  const { t } = useTranslation();
  if (item.daysLeft === null || item.dueDate === null) return null;
  const days = item.daysLeft;
  const color = days < 0 ? "red" : days <= 3 ? "red" : days <= 7 ? "orange" : "default";
  const text =
    days < 0
      ? t("todo.overdue", { count: -days, date: item.dueDate })
      : days === 0
        ? t("todo.dueToday", { date: item.dueDate })
        : t("todo.daysLeft", { count: days, date: item.dueDate });
  return (
    <Tag color={color} data-testid="todo-days-left">
      {text}
    </Tag>
  );
}

/** One thing that waits, as a button with its count that opens where it is done. */
function TodoButton({ tenant, item }: { tenant: string; item: TodoItem }) {
  const { t, i18n } = useTranslation();
  // Coverage gaps and mutual assessment speak in their own pages' words.
  const label =
    item.kind === "coverage_gaps"
      ? t("coverage.todo", { count: item.count })
      : item.kind === "mutual_pending"
        ? t("mutual.todo", { count: item.count })
        : t(`todo.kind.${item.kind}`, { count: item.count });
  const first = item.applicationIds?.[0];
  const common = { size: "small" as const, "data-testid": `todo-${item.kind}` };
  const roundId = item.round.id;
  switch (item.kind) {
    case "decisions":
      return (
        <ButtonLink
          {...common}
          type="primary"
          to="/t/$tenant/rounds/$roundId/ranking"
          params={{ tenant, roundId }}
          search={{ status: "submitted" }}
        >
          {label}
        </ButtonLink>
      );
    case "objections":
      return (
        <ButtonLink {...common} type="primary" to="/t/$tenant/rounds/$roundId/notice" params={{ tenant, roundId }}>
          {label}
        </ButtonLink>
      );
    case "drafts":
    case "returned":
    case "items_missing":
      return first ? (
        <ButtonLink
          {...common}
          type={item.kind === "items_missing" ? "default" : "primary"}
          to="/t/$tenant/applications/$applicationId"
          params={{ tenant, applicationId: first }}
        >
          {label}
        </ButtonLink>
      ) : (
        <ButtonLink {...common} to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }}>
          {label}
        </ButtonLink>
      );
    case "coverage_gaps":
      return first ? (
        <ButtonLink
          {...common}
          to="/t/$tenant/applications/$applicationId/coverage"
          params={{ tenant, applicationId: first }}
        >
          {label}
        </ButtonLink>
      ) : null;
    case "mutual_pending":
      return first ? (
        <ButtonLink
          {...common}
          type="primary"
          to="/t/$tenant/applications/$applicationId/mutual"
          params={{ tenant, applicationId: first }}
        >
          {label}
        </ButtonLink>
      ) : null;
    case "blockers":
      return (
        <Tooltip
          title={item.blockers?.map((b) => (
            <div key={b.code}>{i18n.language.startsWith("en") ? b.messageEn : b.message}</div>
          ))}
        >
          <ButtonLink {...common} to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }}>
            {label}
          </ButtonLink>
        </Tooltip>
      );
    case "short_panels":
    case "round_intake":
      return (
        <ButtonLink {...common} to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }}>
          {label}
        </ButtonLink>
      );
    default:
      // Forms to score, sign-offs, score changes and conflicts are all done on the application's review page.
      return first ? (
        <ButtonLink
          {...common}
          type={item.kind === "score_forms" || item.kind === "signoffs" ? "primary" : "default"}
          to="/t/$tenant/applications/$applicationId/review"
          params={{ tenant, applicationId: first }}
        >
          {label}
        </ButtonLink>
      ) : (
        <ButtonLink {...common} to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }}>
          {label}
        </ButtonLink>
      );
  }
}

/** Work not tied to a round: registrations waiting for approval open the unit list filtered to 待审核. */
function OutsideRounds({ tenant, items }: { tenant: string; items: TodoList["outsideRounds"] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Space wrap size={8} style={{ display: "flex" }} data-testid="todo-outside-rounds">
      {items.map((item) => (
        <ButtonLink
          key={item.kind}
          size="small"
          type="primary"
          to="/t/$tenant"
          params={{ tenant }}
          search={{ status: "pending" }}
          data-testid={`todo-${item.kind}`}
        >
          {t(`todo.kind.${item.kind}`, { count: item.count })}
        </ButtonLink>
      ))}
    </Space>
  );
}

/** The home's 待办: what waits for this member (with counts) and, per round, the days left in the phase. */
export function TodoCard({ tenant }: Props) {
  const { t } = useTranslation();
  const todo = useQuery(todoQuery(tenant));
  let body: React.ReactNode;
  if (todo.isPending) body = <Skeleton active paragraph={{ rows: 2 }} data-testid="todo-loading" />;
  else if (todo.isError) body = <QueryErrorResult error={todo.error} onRetry={() => void todo.refetch()} />;
  else if (todo.data.items.length === 0 && todo.data.outsideRounds.length === 0)
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t("todo.empty")}
        style={{ margin: "8px 0" }}
        data-testid="todo-empty"
      />
    );
  else {
    const rounds = new Map<string, TodoItem[]>();
    for (const item of todo.data.items) rounds.set(item.round.id, [...(rounds.get(item.round.id) ?? []), item]);
    body = (
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        <OutsideRounds tenant={tenant} items={todo.data.outsideRounds} />
        {[...rounds.values()].map((items) => {
          const round = items[0]?.round;
          if (!round) return null;
          const due = items.find((i) => i.daysLeft !== null);
          return (
            <div key={round.id} data-testid="todo-round" data-round-id={round.id}>
              <Space wrap size={6} style={{ marginBottom: 6 }}>
                <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: round.id }}>
                  <Typography.Text strong>{round.title}</Typography.Text>
                </Link>
                <PhaseTag phase={round.phase} />
                {due ? <DaysLeft item={due} /> : null}
              </Space>
              <Space wrap size={8} style={{ display: "flex" }}>
                {items.map((item) => (
                  <TodoButton key={item.kind} tenant={tenant} item={item} />
                ))}
              </Space>
            </div>
          );
        })}
      </Space>
    );
  }
  return (
    <Card size="small" title={t("todo.title")} data-testid="todo-card" style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );
}
