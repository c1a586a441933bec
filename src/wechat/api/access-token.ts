import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
      );
      const accessToken = String(answer.access_token ?? '');
      const expiresIn = Number(answer.expires_in ?? 7200);
      seen.push(accessToken);
      const expiresAt = new Date(options.currentDate().getTime() + expiresIn * 1000 - tokenExpiryMarginMs).toISOString();
      await writeCache(file, { ...cache, [appid]: { accessToken, expiresAt } }).catch(() => undefined);
      return accessToken;
    },
  };
}
