import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WechatTransportError } from './wechat-api-error.js';
import { postWechat, type WechatFetch } from './wechat-http.js';

/** The account's AppID and AppSecret (from WECHAT_APPID / WECHAT_APPSECRET). */
export interface WechatCredentials {
  appid: string;
  secret: string;
}

/** Where tokens are cached: a file in the tool's home directory, mode 600, keyed by AppID. */
export const tokenCacheFile = 'wechat-token.json';
/** A cached token is used until this long before WeChat's stated expiry. */
export const tokenExpiryMarginMs = 5 * 60_000;
/** The longest life a token is trusted for, whatever the server says (WeChat's tokens last 7,200 s). */
export const maxTokenLifetimeSeconds = 7200;

/**
 * What WeChat's tokens look like: printable ASCII without spaces (letters, digits, `_`, `-` in
 * practice), at most 2 KB. Anything else (empty, control characters, a line break that would end
 * up in a URL, a megabyte) is not a token: the answer is refused rather than cached.
 */
export const isTokenShaped = (token: string): boolean => /^[\x21-\x7e]{1,2048}$/.test(token);

/**
 * `expires_in` as seconds to trust the token for: a finite number of seconds clamped to
 * 0–{@link maxTokenLifetimeSeconds}; a string of digits is read as one; anything else (missing, a
 * word, negative, NaN, 1e300) gives 0, so the token serves this run and is not reused.
 */
export function usableLifetimeSeconds(value: unknown): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.min(seconds, maxTokenLifetimeSeconds);
}

interface CachedToken {
  accessToken: string;
  /** ISO time after which the cached token is not used. */
  expiresAt: string;
}

/** Gives access tokens: the cached one while it lasts, else (or when forced) a new one from `stable_token`. */
export interface TokenSource {
  get(forceRefresh: boolean): Promise<string>;
  /** Every token handed out so far (redacted from every text). */
  readonly seen: readonly string[];
}

/** Options of {@link createTokenSource}. */
export interface TokenSourceOptions {
  fetch: WechatFetch;
  baseUrl: string;
  credentials: WechatCredentials;
  /** The tool's home directory (WECHAT_WRITER_HOME). */
  home: string;
  currentDate: () => Date;
  signal?: AbortSignal;
  /** How long one call may take (default: wechatCallTimeoutMs, 60 s). */
  timeoutMs?: number;
}

async function readCache(file: string): Promise<Record<string, CachedToken>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, CachedToken>) : {};
  } catch {
    return {}; // none yet, or damaged: fetch a new one
  }
}

async function writeCache(file: string, cache: Record<string, CachedToken>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/**
 * Access tokens from the stable-token endpoint (POST /cgi-bin/stable_token), cached under the home
 * directory with their expiry (less {@link tokenExpiryMarginMs}). A cache that cannot be written
 * costs a new token next time, nothing more.
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const file = path.join(options.home, tokenCacheFile);
  const seen: string[] = [];
  const { appid, secret } = options.credentials;
  return {
    seen,
    async get(forceRefresh) {
      const cache = await readCache(file);
      const cached = cache[appid];
      if (
        !forceRefresh &&
        cached &&
        typeof cached.accessToken === 'string' &&
        isTokenShaped(cached.accessToken) &&
        Date.parse(cached.expiresAt) > options.currentDate().getTime()
      ) {
        seen.push(cached.accessToken);
        return cached.accessToken;
      }
      const answer = await postWechat(
        options.fetch,
        options.baseUrl,
        { endpoint: '/cgi-bin/stable_token', json: { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh } },
        [secret],
        options.signal,
        options.timeoutMs,
      );
      const accessToken = answer.access_token;
      if (typeof accessToken !== 'string' || !isTokenShaped(accessToken)) {
        throw new WechatTransportError('/cgi-bin/stable_token', 'no usable access_token in the answer', 'badAnswer');
      }
      const expiresIn = usableLifetimeSeconds(answer.expires_in);
      seen.push(accessToken);
      const expiresAt = new Date(options.currentDate().getTime() + expiresIn * 1000 - tokenExpiryMarginMs).toISOString();
      await writeCache(file, { ...cache, [appid]: { accessToken, expiresAt } }).catch(() => undefined);
      return accessToken;
    },
  };
}
