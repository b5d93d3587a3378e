import { Button, Col, Form, Input, Row, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { NumberInput } from "../NumberInput.tsx";
import { type Draft, type DraftSection, move, newSection, removeAt, replaceAt, TARGET_LEVELS } from "./draft.ts";
import { SectionEditor } from "./SectionEditor.tsx";

interface Props {
  draft: Draft;
  onChange: (draft: Draft) => void;
}

const YEAR = { min: 2000, max: 2100, precision: 0 } as const;

/** The whole program as an editable document: its facts, then its ordered sections. */
export function ProgramEditor({ draft, onChange }: Props) {
  const { t } = useTranslation();
  const setSections = (sections: DraftSection[]) => onChange({ ...draft, sections });
  return (
    <Form layout="vertical" component="div" data-testid="program-editor">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t("program.title")} required>
            <Input
              value={draft.title}
              maxLength={200}
              onChange={(e) => onChange({ ...draft, title: e.target.value })}
              status={draft.title.trim() ? undefined : "error"}
              data-testid="program-title"
            />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item label={t("program.startYear")}>
            <NumberInput<number>
              {...YEAR}
              value={draft.startYear}
              onChange={(v) => v && onChange({ ...draft, startYear: v })}
              style={{ width: "100%" }}
              data-testid="program-start"
            />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item label={t("program.endYear")}>
            <NumberInput<number>
              {...YEAR}
              value={draft.endYear}
              onChange={(v) => v && onChange({ ...draft, endYear: v })}
              style={{ width: "100%" }}
              data-testid="program-end"
            />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item label={t("program.targetLevel")}>
            <Select
              value={draft.targetLevel}
              options={TARGET_LEVELS.map((level) => ({ value: level, label: t(`targetLevel.${level}`) }))}
              onChange={(targetLevel) => onChange({ ...draft, targetLevel })}
              data-testid="program-level"
            />
          </Form.Item>
        </Col>
      </Row>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {draft.sections.map((section, i) => (
          <SectionEditor
            key={section.key}
            section={section}
            index={i}
            count={draft.sections.length}
            onChange={(changed) => setSections(replaceAt(draft.sections, i, changed))}
            onMove={(delta) => setSections(move(draft.sections, i, delta))}
            onDelete={() => setSections(removeAt(draft.sections, i))}
          />
        ))}
        <Button
          type="dashed"
          block
          onClick={() => setSections([...draft.sections, newSection()])}
          data-testid="add-section"
        >
          + {t("program.addSection")}
        </Button>
      </Space>
    </Form>
  );
}
