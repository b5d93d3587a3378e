import { Alert, Button, Input, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { readDocxText } from "./read-docx.ts";

export const MAX_PARSE_CHARACTERS = 100_000;

interface Props {
  busy: boolean;
  onParse: (text: string) => void;
  /** What the text is and what will be recognised (the program importer's words unless told). */
  intro?: string;
  placeholder?: string;
}

/** Where the program text comes from: pasted, or extracted from a .docx in the browser. */
export function TextSource({ busy, onParse, intro, placeholder }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const tooLong = text.length > MAX_PARSE_CHARACTERS;

  const pick = async (file: File) => {
    setFileError(null);
    setReading(true);
    try {
      setText(await readDocxText(file));
    } catch {
      setFileError(t("import.docxUnreadable"));
    } finally {
      setReading(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Paragraph style={{ margin: 0 }}>{intro ?? t("import.intro")}</Typography.Paragraph>
      <Upload
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        showUploadList={false}
        beforeUpload={(file) => {
          void pick(file);
          return false;
        }}
      >
        <Button loading={reading} data-testid="import-docx">
          {t("import.pickDocx")}
        </Button>
      </Upload>
      {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 24 }}
        placeholder={placeholder ?? t("import.placeholder")}
        data-testid="import-text"
      />
      <Typography.Text type={tooLong ? "danger" : "secondary"}>
        {t("import.length", { count: text.length, max: MAX_PARSE_CHARACTERS })}
      </Typography.Text>
      {tooLong ? (
        <Alert
          type="warning"
          showIcon
          title={t("import.tooLong", { max: MAX_PARSE_CHARACTERS })}
          data-testid="import-too-long"
        />
      ) : null}
      <Button
        type="primary"
        disabled={!text.trim() || tooLong}
        loading={busy}
        onClick={() => onParse(text)}
        data-testid="import-parse"
      >
        {t("import.parse")}
      </Button>
    </Space>
  );
}
