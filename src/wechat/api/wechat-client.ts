import { createTokenSource, type TokenSourceOptions } from './access-token.js';
import { multipartBody, type UploadFile } from './multipart-body.js';
import { invalidTokenCodes, WechatApiError, WechatTransportError } from './wechat-api-error.js';
import { postWechat, type WechatRequest } from './wechat-http.js';

/** The default WeChat API origin; `WECHAT_API_BASE` replaces it. */
export const defaultWechatApiBase = 'https://api.weixin.qq.com';

/** One article of `draft/add`, in WeChat's field names. */
export interface DraftArticle {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  need_open_comment: 0 | 1;
  only_fans_can_comment: 0 | 1;
}

/** The calls publish makes. */
export interface WechatClient {
  /** POST /cgi-bin/media/uploadimg: an image of the body; its URL on WeChat's servers. */
  uploadArticleImage(file: UploadFile): Promise<string>;
  /** POST /cgi-bin/material/add_material?type=…: a permanent material; its media_id. */
  addMaterial(type: 'image' | 'thumb', file: UploadFile): Promise<string>;
  /** POST /cgi-bin/draft/add: the draft's media_id. */
  addDraft(articles: readonly DraftArticle[]): Promise<string>;
}

/** Options of {@link createWechatClient}: what its token source needs, which its calls share. */
export type WechatClientOptions = TokenSourceOptions;

/**
 * Whether a value the server returned can be used as it is: a media_id is printable ASCII without
 * spaces (it is printed and stored), an image URL an http(s) address without spaces or controls
 * (it becomes an `<img src>` of the draft). A hostile or broken server gets no `javascript:` into
 * the article and no escape sequence onto the terminal or into the history.
 */
export function fieldIsUsable(name: 'url' | 'media_id', value: string): boolean {
  if (value.length > 2048 || !/^[\x21-\x7e]+$/.test(value)) return false;
  if (name === 'media_id') return true;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A client of the WeChat Official Account API. Every call carries the access token; a token WeChat
 * calls invalid (40001, 40014, 42001) is refreshed once (`force_refresh: true`) and the call retried
 * once. No text it produces holds the AppSecret or a token.
 */
export function createWechatClient(options: WechatClientOptions): WechatClient {
  const tokens = createTokenSource(options);
  const call = async (request: Omit<WechatRequest, 'accessToken'>): Promise<Record<string, unknown>> => {
    const send = async (forceRefresh: boolean) => {
      const accessToken = await tokens.get(forceRefresh);
      return postWechat(
        options.fetch,
        options.baseUrl,
        { ...request, accessToken },
        [options.credentials.secret, ...tokens.seen],
        options.signal,
        options.timeoutMs,
      );
    };
    try {
      return await send(false);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !invalidTokenCodes.has(error.errcode)) throw error;
      return send(true);
    }
  };
  const field = (answer: Record<string, unknown>, name: 'url' | 'media_id', endpoint: string): string => {
    const value = answer[name];
    if (typeof value !== 'string' || value === '') throw new WechatTransportError(endpoint, `no ${name} in the answer`, 'badAnswer');
    const hidden = [options.credentials.secret, ...tokens.seen].filter((secret) => secret.length >= 4);
    if (!fieldIsUsable(name, value) || hidden.some((secret) => value.includes(secret))) {
      throw new WechatTransportError(endpoint, `the answer's ${name} is not one WeChat gives`, 'badAnswer');
    }
    return value;
  };
  return {
    async uploadArticleImage(file) {
      const endpoint = '/cgi-bin/media/uploadimg';
      return field(await call({ endpoint, multipart: multipartBody('media', file) }), 'url', endpoint);
    },
    async addMaterial(type, file) {
      const endpoint = '/cgi-bin/material/add_material';
      return field(await call({ endpoint, query: { type }, multipart: multipartBody('media', file) }), 'media_id', endpoint);
    },
    async addDraft(articles) {
      const endpoint = '/cgi-bin/draft/add';
      return field(await call({ endpoint, json: { articles } }), 'media_id', endpoint);
    },
  };
}
