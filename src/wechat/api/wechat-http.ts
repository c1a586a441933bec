import { redactSecrets } from '../../providers/redact-secrets.js';
import { WechatApiError, WechatTransportError } from './wechat-api-error.js';

/** The `fetch` the client uses (the project's node-http-fetch in the CLI). */
export type WechatFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** One POST to the WeChat API: a JSON body, or a multipart body with its content type. */
export interface WechatRequest {
  /** The path, e.g. `/cgi-bin/draft/add`. */
  endpoint: string;
  /** Query parameters besides `access_token`. */
  query?: Record<string, string>;
  accessToken?: string;
  json?: unknown;
  multipart?: { body: Uint8Array; contentType: string };
}

/** How long one call may take before it is given up. */
export const wechatCallTimeoutMs = 60_000;

/**
 * Sends one request and parses WeChat's JSON answer: a non-zero `errcode` is a {@link WechatApiError}.
 * Every text that leaves here (errmsg, failure reasons) has the token and `secrets` removed.
 */
export async function postWechat(
  fetch: WechatFetch,
  baseUrl: string,
  request: WechatRequest,
  secrets: readonly string[],
  signal?: AbortSignal,
  timeoutMs: number = wechatCallTimeoutMs,
): Promise<Record<string, unknown>> {
  const hidden = [...secrets, ...(request.accessToken ? [request.accessToken] : [])];
  const redact = (text: string) => redactSecrets(text, hidden, { keyShapes: false });
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${request.endpoint}`);
  if (request.accessToken) url.searchParams.set('access_token', request.accessToken);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = request.multipart
    ? { 'content-type': request.multipart.contentType }
    : { 'content-type': 'application/json; charset=utf-8' };
  let text: string;
  let status: number;
  try {
    const response = await fetch(url.href, {
      method: 'POST',
      headers,
      body: request.multipart ? request.multipart.body : JSON.stringify(request.json ?? {}),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.aborted)
      throw new WechatTransportError(request.endpoint, `no complete answer within ${Math.round(timeoutMs / 100) / 10} s`);
    const cause = (error as { cause?: unknown }).cause;
    const reason = [error, cause].flatMap((item) => (item instanceof Error ? [item.message] : [])).join(': ');
    throw new WechatTransportError(request.endpoint, redact(reason || String(error)));
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WechatTransportError(request.endpoint, redact(`HTTP ${status}: ${text.slice(0, 200)}`), 'badAnswer');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WechatTransportError(request.endpoint, redact(`HTTP ${status}: ${text.slice(0, 200)}`), 'badAnswer');
  }
  const record = body as Record<string, unknown>;
  const errcode = Number(record.errcode ?? 0);
  if (Number.isFinite(errcode) && errcode !== 0) {
    throw new WechatApiError(errcode, redact(String(record.errmsg ?? '')), request.endpoint);
  }
  return record;
}
