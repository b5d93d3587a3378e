import { contentDisposition } from "../domain/record-rules.ts";
import { ApiError } from "../errors.ts";

/**
 * Headers for serving a file a user uploaded: its own type, never sniffed, inert (sandboxed CSP), private.
 * Images inline for thumbnails, everything else as a download.
 */
export async function storedFile(
  files: R2Bucket,
  file: { key: string; name: string; contentType: string } | undefined,
) {
  const object = file ? await files.get(file.key) : null;
  if (!file || !object) throw new ApiError("not_found");
  return {
    body: object.body,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.contentType, file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  };
}
