import { Image, Space } from "antd";
import { type Attachment, attachmentUrl } from "../../api/records.ts";
import { isImage } from "./record-labels.ts";

/** Thumbnails for images (click to enlarge), links for PDFs. */
export function AttachmentLinks({ tenant, attachments }: { tenant: string; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Space wrap size={4}>
      {attachments.map((a) =>
        isImage(a.contentType) ? (
          <Image
            key={a.id}
            src={attachmentUrl(tenant, a.id)}
            alt={a.name}
            width={40}
            height={40}
            style={{ objectFit: "cover" }}
          />
        ) : (
          <a key={a.id} href={attachmentUrl(tenant, a.id)} target="_blank" rel="noreferrer">
            {a.name}
          </a>
        ),
      )}
    </Space>
  );
}
