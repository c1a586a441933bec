import type { IncomingMessage } from 'node:http';
import { t } from '../../i18n/translate.js';
import { ViewError } from './view-error.js';

/** The largest request body read: votes and picks are a few hundred bytes. */
export const maxBodyBytes = 64 * 1024;

/** Reads a JSON object body: 413 when over maxBodyBytes, 400 when it is not a JSON object. */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) {
    request.resume();
    throw new ViewError(413, t('viewServer.error.tooLarge', { limit: maxBodyBytes / 1024 }));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new ViewError(413, t('viewServer.error.tooLarge', { limit: maxBodyBytes / 1024 }));
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ViewError(400, t('viewServer.error.badJson'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ViewError(400, t('viewServer.error.badJson'));
  return parsed as Record<string, unknown>;
}
