import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received (multipart file bytes summarised). */
export interface WechatRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, when it was JSON. */
  json?: Record<string, unknown>;
  /** The multipart parts, when it was multipart. */
  parts?: { name: string; fileName: string | null; contentType: string | null; size: number }[];
  /** The raw body as text (to check no secret is sent where it should not be). */
  raw: string;
}

/** A scripted refusal: the next `times` calls to `endpoint` answer this errcode. */
export interface WechatFault {
  endpoint: string;
  errcode: number;
  /** Default: a generic message. `{token}` is replaced by the access token the call carried. */
  errmsg?: string;
  times?: number;
}

/** A running fake of the WeChat Official Account API on 127.0.0.1. */
export interface FakeWechatServer {
  url: string;
  requests: WechatRequestRecord[];
  /** Drafts by media_id, as draft/add received them. */
  drafts: Map<string, Record<string, unknown>[]>;
  /** Permanent materials by media_id. */
  materials: Map<string, { type: string; size: number }>;
  /** URLs uploadimg handed out. */
  imageUrls: string[];
  /** Access tokens handed out. */
  tokensIssued: string[];
  fail(fault: WechatFault): void;
  /** Makes every token handed out so far invalid (as a force refresh elsewhere, or expiry, would). */
  invalidateTokens(): void;
  close(): Promise<void>;
}

const limits = { title: 64, author: 16, digest: 128, contentChars: 20_000, contentBytes: 1024 * 1024 };

const kindOf = (bytes: Buffer) =>
  bytes[0] === 0xff && bytes[1] === 0xd8
    ? 'jpeg'
    : bytes.subarray(0, 4).toString('latin1') === '\x89PNG'
      ? 'png'
      : bytes.subarray(0, 3).toString('latin1') === 'GIF'
        ? 'gif'
        : bytes.subarray(0, 2).toString('latin1') === 'BM'
          ? 'bmp'
          : 'other';

/** Splits a multipart/form-data body into its parts. */
function parseMultipart(
  body: Buffer,
  contentType: string,
): { name: string; fileName: string | null; contentType: string | null; data: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      const fileName = /filename="([^"]*)"/i.exec(head)?.[1] ?? null;
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? null;
      parts.push({ name, fileName, contentType: type, data: part.subarray(split + 4) });
    }
    start = next;
  }
  return parts;
}

/**
 * Starts a fake WeChat API speaking the documented wire formats: `GET /cgi-bin/token`,
 * `POST /cgi-bin/stable_token`, `media/uploadimg` and `material/add_material` (multipart field
 * `media`), `draft/add` and `draft/get`, with WeChat's error bodies. It checks what the real one
 * does: the access token on every call, the multipart field and file types and sizes, the article's
 * limits, a permanent thumb_media_id, and refuses content with `<script>`. Scriptable through `fail`.
 */
export async function startFakeWechatServer(account: { appid: string; secret: string }): Promise<FakeWechatServer> {
  const requests: WechatRequestRecord[] = [];
  const drafts = new Map<string, Record<string, unknown>[]>();
  const materials = new Map<string, { type: string; size: number }>();
  const imageUrls: string[] = [];
  const tokensIssued: string[] = [];
  const validTokens = new Set<string>();
  const faults: Required<WechatFault>[] = [];
  let counter = 0;
  const newToken = () => {
    counter += 1;
    const token = `FAKE_TOKEN_${counter}_${Math.random().toString(36).slice(2, 12)}`;
    validTokens.clear();
    validTokens.add(token);
    tokensIssued.push(token);
    return token;
  };
  const error = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: fake-${counter}` });

  const answer = (path: string, query: Record<string, string>, body: Buffer, contentType: string, record: WechatRequestRecord) => {
    const fault = faults.find((candidate) => candidate.endpoint === path && candidate.times > 0);
    const faultAnswer = () => {
      if (!fault) return null;
      fault.times -= 1;
      return error(fault.errcode, (fault.errmsg ?? 'scripted failure').replace('{token}', query.access_token ?? ''));
    };
    if (path === '/cgi-bin/token' || path === '/cgi-bin/stable_token') {
      const input = path === '/cgi-bin/token' ? query : (record.json ?? {});
      const scripted = faultAnswer();
      if (scripted) return scripted;
      if (input.grant_type !== 'client_credential') return error(40002, 'invalid grant_type');
      if (input.appid !== account.appid) return error(40013, 'invalid appid');
      if (input.secret !== account.secret) return error(40125, 'invalid appsecret');
      const current = [...validTokens][0];
      const token = input.force_refresh === true || input.force_refresh === 'true' || !current ? newToken() : current;
      return { access_token: token, expires_in: 7200 };
    }
    if (!query.access_token) return error(41001, 'access_token missing');
    if (!validTokens.has(query.access_token)) return error(40001, 'invalid credential, access_token is invalid or not latest');
    const scripted = faultAnswer();
    if (scripted) return scripted;
    if (path === '/cgi-bin/media/uploadimg' || path === '/cgi-bin/material/add_material') {
      const media = parseMultipart(body, contentType).find((part) => part.name === 'media' && part.fileName !== null);
      if (!media) return error(41005, 'media data missing');
      const kind = kindOf(media.data);
      if (path === '/cgi-bin/media/uploadimg') {
        if (kind !== 'jpeg' && kind !== 'png') return error(40005, 'invalid file type');
        if (media.data.length >= 1024 * 1024) return error(40009, 'invalid image size');
        const url = `http://mmbiz.qpic.cn/mmbiz_${kind === 'png' ? 'png' : 'jpg'}/fake${imageUrls.length + 1}/0?wx_fmt=${kind}`;
        imageUrls.push(url);
        return { url };
      }
      const type = query.type ?? '';
      if (!['image', 'thumb', 'voice', 'video'].includes(type)) return error(40004, 'invalid media type');
      if (type === 'image' && (!['jpeg', 'png', 'gif', 'bmp'].includes(kind) || media.data.length > 10 * 1024 * 1024)) {
        return error(40005, 'invalid file type');
      }
      if (type === 'thumb' && (kind !== 'jpeg' || media.data.length > 64 * 1024)) return error(40005, 'invalid file type');
      const mediaId = `FAKE_MEDIA_${materials.size + 1}`;
      materials.set(mediaId, { type, size: media.data.length });
      return { media_id: mediaId, ...(type === 'image' ? { url: `http://mmbiz.qpic.cn/mmbiz_png/material${materials.size}/0` } : {}) };
    }
    if (path === '/cgi-bin/draft/add') {
      const articles = record.json?.articles;
      if (!Array.isArray(articles) || articles.length === 0) return error(47001, 'data format error');
      for (const article of articles as Record<string, unknown>[]) {
        const text = (name: string) => (typeof article[name] === 'string' ? (article[name] as string) : '');
        const length = (name: string) => [...text(name)].length;
        if (length('title') === 0 || length('title') > limits.title) return error(45003, 'title size out of limit');
        if (length('author') > limits.author) return error(45110, 'author size out of limit');
        if (length('digest') > limits.digest) return error(45004, 'description size out of limit');
        const content = text('content');
        if ([...content.replace(/<[^>]*>/g, '')].length >= limits.contentChars || Buffer.byteLength(content) >= limits.contentBytes) {
          return error(45002, 'content size out of limit');
        }
        if (/<script/i.test(content)) return error(45166, 'invalid content');
        if (!materials.has(text('thumb_media_id'))) return error(40007, 'invalid media_id');
      }
      const mediaId = `FAKE_DRAFT_${drafts.size + 1}`;
      drafts.set(mediaId, articles as Record<string, unknown>[]);
      return { media_id: mediaId };
    }
    if (path === '/cgi-bin/draft/get') {
      const stored = drafts.get(String(record.json?.media_id ?? ''));
      return stored ? { news_item: stored } : error(40007, 'invalid media_id');
    }
    return error(40066, 'invalid url');
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks);
      const contentType = request.headers['content-type'] ?? '';
      const query = Object.fromEntries(url.searchParams);
      const record: WechatRequestRecord = { method: request.method ?? '', path: url.pathname, query, raw: body.toString('latin1') };
      if (contentType.startsWith('application/json')) {
        try {
          record.json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          record.json = {};
        }
      }
      if (contentType.startsWith('multipart/form-data')) {
        record.parts = parseMultipart(body, contentType).map(({ data, ...part }) => ({ ...part, size: data.length }));
      }
      requests.push(record);
      const reply = answer(url.pathname, query, body, contentType, record);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    drafts,
    materials,
    imageUrls,
    tokensIssued,
    fail: (fault) => faults.push({ errmsg: 'scripted failure', times: 1, ...fault }),
    invalidateTokens: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
