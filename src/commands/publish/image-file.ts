import type { UploadFile } from '../../wechat/api/multipart-body.js';

/** An image format, told from its first bytes (never from the file name). */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp' | 'svg' | 'unknown';

const contentTypes: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  unknown: 'application/octet-stream',
};
const extensions: Record<ImageKind, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp', webp: 'webp', svg: 'svg', unknown: 'bin' };

/** What the bytes are. */
export function imageKind(bytes: Uint8Array): ImageKind {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x42, 0x4d)) return 'bmp';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return 'unknown';
}

/** The kind as shown to the writer (`PNG`, `WebP`, `an unknown format`). */
export const kindLabel = (kind: ImageKind): string =>
  ({ jpeg: 'JPEG', png: 'PNG', gif: 'GIF', bmp: 'BMP', webp: 'WebP', svg: 'SVG', unknown: '?' })[kind];

/** A file to upload, named `<base>.<ext>` after its real format (WeChat goes by the extension). */
export function uploadFile(base: string, bytes: Uint8Array): UploadFile {
  const kind = imageKind(bytes);
  return { fileName: `${base}.${extensions[kind]}`, contentType: contentTypes[kind], bytes };
}

/** Bytes as the writer reads them: `812 KB`, `1.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
