import { Button, Image, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type EvidenceFile, evidenceUrl } from "../../api/applications.ts";
import { isImage } from "../records/record-labels.ts";

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * An item's evidence for reading: images as thumbnails that open full size in place (with the item's other
 * images a swipe away); other files (PDF) in a dialog that names them and opens them in a new tab.
 */
export function EvidenceList({ tenant, files }: { tenant: string; files: EvidenceFile[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<EvidenceFile | null>(null);
  const images = files.filter((f) => isImage(f.contentType));
  const others = files.filter((f) => !isImage(f.contentType));
  if (files.length === 0) return <Typography.Text type="secondary">{t("scoring.noFiles")}</Typography.Text>;
  return (
    <Space wrap size={8} data-testid="review-evidence">
      {images.length > 0 ? (
        <Image.PreviewGroup>
          {images.map((f) => (
            <Image
              key={f.id}
              src={evidenceUrl(tenant, f.id)}
              alt={f.name}
              title={f.name}
              width={64}
              height={64}
              style={{ objectFit: "cover", borderRadius: 4 }}
              data-testid="evidence-image"
            />
          ))}
        </Image.PreviewGroup>
      ) : null}
      {others.map((f) => (
        <Button key={f.id} size="small" onClick={() => setOpen(f)} data-testid="evidence-document">
          {f.name}
        </Button>
      ))}
      <Modal open={open !== null} title={open?.name} onCancel={() => setOpen(null)} footer={null} destroyOnHidden>
        {open ? (
          <Space orientation="vertical" data-testid="evidence-dialog">
            <Typography.Text type="secondary">
              {t("scoring.fileFacts", {
                type: open.contentType === "application/pdf" ? "PDF" : open.contentType,
                size: sizeText(open.size),
              })}
            </Typography.Text>
            <a href={evidenceUrl(tenant, open.id)} target="_blank" rel="noreferrer" data-testid="evidence-open">
              {t("scoring.openFile")}
            </a>
          </Space>
        ) : null}
      </Modal>
    </Space>
  );
}
