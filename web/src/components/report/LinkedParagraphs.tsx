import { Typography } from "antd";
import type { Paragraph } from "./draft.ts";

/** The report paragraphs linked to one criteria item, on the scoring form: heading, then the text folded after a few lines. */
export function LinkedParagraphs({ paragraphs }: { paragraphs: Paragraph[] }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 6, minWidth: 0 }}>
      {paragraphs.map((p) => (
        <div key={p.id} style={{ minWidth: 0 }} data-testid="linked-paragraph">
          {p.heading ? (
            <Typography.Text strong style={{ overflowWrap: "anywhere" }}>
              {p.heading}
            </Typography.Text>
          ) : null}
          {p.text ? (
            <Typography.Paragraph
              ellipsis={{ rows: 3, expandable: "collapsible" }}
              style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
            >
              {p.text}
            </Typography.Paragraph>
          ) : null}
        </div>
      ))}
    </div>
  );
}
