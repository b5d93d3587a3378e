import { Link } from "@tanstack/react-router";
import { Space } from "antd";
import type { Phase } from "../../api/rounds.ts";
import { PhaseTag } from "./PhaseTag.tsx";

/** A round page's card title: the round, linking back to it, and its phase; wraps on a phone. */
export function RoundCardTitle({
  tenant,
  round,
}: {
  tenant: string;
  round: { id: string; title: string; phase: Phase };
}) {
  return (
    <Space wrap style={{ whiteSpace: "normal" }}>
      <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: round.id }}>
        {round.title}
      </Link>
      <PhaseTag phase={round.phase} />
    </Space>
  );
}
