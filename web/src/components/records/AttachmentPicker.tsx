import { App, Button, Upload, type UploadFile } from "antd";
import { useTranslation } from "react-i18next";
import { ATTACHMENT_ACCEPT, attachmentProblem, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "./record-labels.ts";

interface Props {
  files: File[];
  /** Files the record already has, which count against the limit. */
  existing: number;
  onChange: (files: File[]) => void;
}

/** Picks files to attach once the record is saved; refuses wrong types and sizes before any upload. */
export function AttachmentPicker({ files, existing, onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const room = MAX_ATTACHMENTS - existing;
  const list: UploadFile[] = files.map((file, i) => ({ uid: `${i}-${file.name}`, name: file.name, status: "done" }));
  return (
    <Upload
      multiple
      accept={ATTACHMENT_ACCEPT}
      fileList={list}
      beforeUpload={(file) => {
        const problem = attachmentProblem(file);
        if (problem === "type") void message.error(t("records.fileType", { name: file.name }));
        else if (problem === "size")
          void message.error(t("records.fileSize", { name: file.name, mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }));
        else onChange([...files, file].slice(0, room));
        return false;
      }}
      onRemove={(removed) => onChange(files.filter((_, i) => `${i}-${files[i]?.name}` !== removed.uid))}
    >
      <Button disabled={files.length >= room} data-testid="record-files">
        {t("records.pickFiles", { max: MAX_ATTACHMENTS })}
      </Button>
    </Upload>
  );
}
