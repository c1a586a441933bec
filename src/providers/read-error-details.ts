/** What an error body says, in whichever shape the provider sent it. */
export interface ErrorDetails {
  type: string;
  code: string;
  message: string;
  /** Where the code comes from: MiniMax's `base_resp` codes mean other things than GLM's `error.code`. */
  codeSource: 'base_resp' | 'error' | null;
  /** The HTTP status the body names for itself (`status_code`, `http_code`, a 4xx/5xx `code`), for errors sent in a stream. */
  statusInside: number | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Visible text of a non-JSON body (an HTML error page from a proxy, plain text), shortened. */
function plainText(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const visible = (title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return visible.length > 200 ? `${visible.slice(0, 200)}…` : visible;
}

function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Reads an error body in every shape providers send: `{ error: { type, code, message } }` (OpenAI,
 * Anthropic, most compatible servers), `{ type: "error", error: … }` (Anthropic streams), a JSON
 * array of such objects (Gemini), `{ base_resp: { status_code, status_msg } }` (MiniMax, also on
 * HTTP 200), `{ code, message }` / `{ error_code, error_msg }` / `{ detail }` (DashScope, others),
 * a bare string, or an HTML page.
 */
export function readErrorDetails(body: unknown): ErrorDetails {
  let value = parsed(body);
  if (Array.isArray(value)) value = value.find(isRecord) ?? value[0];
  if (typeof value === 'string') return { type: '', code: '', message: plainText(value), codeSource: null, statusInside: null };
  if (!isRecord(value)) return { type: '', code: '', message: '', codeSource: null, statusInside: null };
  const baseResp = isRecord(value.base_resp) ? value.base_resp : null;
  if (baseResp && Number(baseResp.status_code) !== 0 && !isRecord(value.error)) {
    return { type: '', code: text(baseResp.status_code), message: text(baseResp.status_msg), codeSource: 'base_resp', statusInside: null };
  }
  const inner = isRecord(value.error) ? value.error : value;
  const detail = isRecord(inner.detail) ? inner.detail : null;
  return {
    type: text(inner.type) || text(inner.status),
    code: text(inner.code) || text(inner.error_code) || text(detail?.code),
    message:
      text(inner.message) ||
      text(inner.error_msg) ||
      text(inner.msg) ||
      (typeof value.error === 'string' ? value.error : '') ||
      text(value.message) ||
      text(inner.detail) ||
      text(detail?.message),
    codeSource: text(inner.code) ? 'error' : null,
    statusInside: [inner.status_code, inner.http_code, inner.code].map(Number).find((code) => code >= 400 && code <= 599) ?? null,
  };
}

/** Whether a 200 reply is really an error: an `error` object or a non-zero MiniMax `base_resp`, and no choices. */
export function replyError(body: unknown): ErrorDetails | null {
  if (!isRecord(body)) return null;
  const baseResp = isRecord(body.base_resp) ? body.base_resp : null;
  const failedBaseResp = baseResp !== null && baseResp.status_code !== undefined && Number(baseResp.status_code) !== 0;
  const hasError = isRecord(body.error) || typeof body.error === 'string';
  if (!failedBaseResp && !hasError) return null;
  const choices = body.choices ?? body.content;
  if (Array.isArray(choices) && choices.length > 0) return null;
  return readErrorDetails(body);
}
