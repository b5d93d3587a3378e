import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportContent, ReportFigure, ReportLink } from "../../api/reports.ts";
import { type CriteriaChoice, choiceLabel } from "./criteria-items.ts";
import { linksOf } from "./draft.ts";

interface Props {
  content: ReportContent;
  figures: ReportFigure[];
  links: ReportLink[];
  choices: CriteriaChoice[];
}

const PARAGRAPH = { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

/** The report to read: each paragraph with the criteria items it is linked to, then the confirmed figures. */
export function ReportDocument({ content, figures, links, choices }: Props) {
  const { t } = useTranslation();
  const byCode = new Map(choices.map((c) => [c.code, c]));
  const linked = (paragraphId: string) => {
    const codes = linksOf(links, paragraphId);
    return codes.length === 0 ? null : (
      <Space wrap size={[4, 4]} data-testid="paragraph-linked">
        {codes.map((code) => (
          <Tag key={code} color="blue" style={{ whiteSpace: "normal" }}>
            {choiceLabel(byCode.get(code) ?? { code, title: "" })}
          </Tag>
        ))}
      </Space>
    );
  };
  const confirmed = figures.filter((f) => f.confirmed);
  return (
    <article style={{ display: "flex", flexDirection: "column", gap: 12, minWidth: 0 }} data-testid="report-document">
      <Typography.Title level={4} style={{ margin: 0, textAlign: "center", overflowWrap: "anywhere" }}>
        {content.title || t("report.untitledReport")}
      </Typography.Title>
      {content.sections.map((s) => (
        <section key={s.id} style={{ display: "flex", flexDirection: "column", gap: 6 }} data-paragraph={s.id}>
          {s.heading ? (
            <Typography.Title level={5} style={{ margin: 0, overflowWrap: "anywhere" }}>
              {s.heading}
            </Typography.Title>
          ) : null}
          {s.text ? <p style={PARAGRAPH}>{s.text}</p> : null}
          {linked(s.id)}
          {s.items.map((i) => (
            <div key={i.id} style={{ display: "flex", flexDirection: "column", gap: 4 }} data-paragraph={i.id}>
              <p style={PARAGRAPH}>
                {i.title ? <strong>{i.title}</strong> : null}
                {i.title && i.text ? " " : null}
                {i.text}
              </p>
              {linked(i.id)}
            </div>
          ))}
        </section>
      ))}
      {confirmed.length > 0 ? (
        <section data-testid="report-confirmed-figures">
          <Typography.Title level={5} style={{ margin: "0 0 6px" }}>
            {t("report.figuresTitle")}
          </Typography.Title>
          <Space wrap size={[6, 6]}>
            {confirmed.map((f) => (
              <Tag key={f.id} title={f.text} style={{ whiteSpace: "normal" }}>
                {f.label} {f.value} {f.unit}
              </Tag>
            ))}
          </Space>
        </section>
      ) : null}
    </article>
  );
}
