import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';

/** Most bytes one downloaded batch result file may have (the ordinary reply limit bounds each line). */
export const maxBatchFileBytesEnv = 'WECHAT_WRITER_MAX_BATCH_FILE_BYTES';
export const defaultMaxBatchFileBytes = 256 * 1024 * 1024;

/** `WECHAT_WRITER_MAX_BATCH_FILE_BYTES`, else the default (UsageError when malformed or below 1 KiB). */
export function readMaxBatchFileBytes(env: Env): number {
  const raw = env[maxBatchFileBytesEnv]?.trim();
  if (raw === undefined || raw === '') return defaultMaxBatchFileBytes;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1024) {
    throw new UsageError(t('errors.limits.badNumber', { name: maxBatchFileBytesEnv, value: raw, fallback: defaultMaxBatchFileBytes }));
  }
  return value;
}

/** A size for messages: `16 MiB`, `64 KiB`, `900 bytes`. */
export const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`
    : bytes >= 1024
      ? `${Number((bytes / 1024).toFixed(1))} KiB`
      : `${bytes} bytes`;
