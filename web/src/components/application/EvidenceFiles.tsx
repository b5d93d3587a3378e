import { App, Button, Image, Popconfirm, Space, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Application,
  type EvidenceFile,
  evidenceUrl,
  removeEvidence,
  uploadEvidence,
} from "../../api/applications.ts";
import { errorText } from "../../api/errors.ts";
import { ATTACHMENT_ACCEPT, attachmentProblem, isImage } from "../records/record-labels.ts";
import { useAppWrite } from "./use-app-write.ts";

const MAX_EVIDENCE_MB = 10;

interface Props {
  tenant: string;
  app: Application;
  code: string;
  files: EvidenceFile[];
  editable: boolean;
}

/** An item's evidence: thumbnails for images, links for PDFs; upload and delete (confirmed) while editable. */
export function EvidenceFiles({ tenant, app, code, files, editable }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const write = useAppWrite(tenant, app.id);
  const [uploading, setUploading] = useState(0);
  const upload = async (file: File) => {
    const problem = attachmentProblem(file, MAX_EVIDENCE_MB * 1024 * 1024);
    if (problem === "type") return void message.error(t("application.fileType", { name: file.name }));
    if (problem === "size")
      return void message.error(t("application.fileSize", { name: file.name, mb: MAX_EVIDENCE_MB }));
    setUploading((n) => n + 1);
    try {
      await write(() => uploadEvidence(tenant, app.id, code, file));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    } finally {
      setUploading((n) => n - 1);
    }
  };
  const remove = async (file: EvidenceFile) => {
    try {
      await write(() => removeEvidence(tenant, app, file.id));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    }
  };
  return (
    <Space wrap align="center" data-testid="evidence-files">
      {files.map((f) => (
        <Space key={f.id} size={4} data-testid="evidence-file">
          {isImage(f.contentType) ? (
            <Image src={evidenceUrl(tenant, f.id)} alt={f.name} width={56} height={56} style={{ objectFit: "cover" }} />
          ) : (
            <a href={evidenceUrl(tenant, f.id)} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          )}
          {editable ? (
            <Popconfirm
              title={t("application.deleteFile", { name: f.name })}
              okText={t("common.delete")}
              cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(f)}
            >
              <Button size="small" type="link" danger>
                {t("common.delete")}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ))}
      {editable ? (
        <Upload
          multiple
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button size="small" loading={uploading > 0} data-testid="evidence-upload">
            {t("application.upload")}
          </Button>
        </Upload>
      ) : null}
    </Space>
  );
}
