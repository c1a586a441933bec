import { randomBytes } from 'node:crypto';

/** A file to send as the `media` field of a multipart form. */
export interface UploadFile {
  /** The name WeChat sees (`cover.png`); only its extension matters to it. */
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A `multipart/form-data` body with one file field, as `curl -F media=@file` sends it. */
export function multipartBody(field: string, file: UploadFile): { body: Uint8Array; contentType: string } {
  const boundary = `----wechat-writer-${randomBytes(12).toString('hex')}`;
  const safeName = file.fileName.replace(/["\r\n\\]/g, '_');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
      `Content-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file.bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
