import { createTokenSource, type WechatCredentials } from './access-token.js';
import { multipartBody, type UploadFile } from './multipart-body.js';
import { invalidTokenCodes, WechatApiError, WechatTransportError } from './wechat-api-error.js';
import { postWechat, type WechatFetch, type WechatRequest } from './wechat-http.js';

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

/** Options of {@link createWechatClient}. */
export interface WechatClientOptions {
  fetch: WechatFetch;
  baseUrl: string;
  credentials: WechatCredentials;
  home: string;
  currentDate: () => Date;
  signal?: AbortSignal;
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
      );
    };
    try {
      return await send(false);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !invalidTokenCodes.has(error.errcode)) throw error;
      return send(true);
    }
  };
  const field = (answer: Record<string, unknown>, name: string, endpoint: string): string => {
    const value = answer[name];
    if (typeof value !== 'string' || value === '') throw new WechatTransportError(endpoint, `no ${name} in the answer`);
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
