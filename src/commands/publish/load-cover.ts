import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { renderCover } from '../../wechat/cover/render-cover.js';
import { draftLimits } from './draft-limits.js';
import { formatBytes, imageKind, kindLabel } from './image-file.js';

/** The cover to upload, and where it came from (the --cover file as given, or generated). */
export interface CoverImage {
  bytes: Uint8Array;
  /** The --cover path as given, or null when generated from the title. */
  file: string | null;
}

/**
 * The --cover file (JPEG, PNG, GIF or BMP under 10 MB: add_material's image limits, checked before
 * any call), or a PNG generated from the title so a draft never lacks a cover.
 */
export async function loadCover(coverOption: string | undefined, title: string, cwd: string): Promise<CoverImage> {
  if (coverOption === undefined) return { bytes: await renderCover(title), file: null };
  const bytes = await readFile(path.resolve(cwd, coverOption)).catch(() => null);
  if (!bytes) throw new UsageError(t('publish.cover.notFound', { file: coverOption }));
  const kind = imageKind(bytes);
  if (!['jpeg', 'png', 'gif', 'bmp'].includes(kind))
    throw new UsageError(t('publish.cover.type', { file: coverOption, type: kindLabel(kind) }));
  if (bytes.byteLength > draftLimits.coverBytes) {
    throw new UsageError(
      t('publish.cover.size', { file: coverOption, size: formatBytes(bytes.byteLength), limit: formatBytes(draftLimits.coverBytes) }),
    );
  }
  return { bytes, file: coverOption };
}
