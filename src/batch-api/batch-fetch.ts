import { RedirectRefusedError } from '../providers/node-http-fetch.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const originOf = (url: string | URL): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The HTTP client of the batch SDK clients, over the ordinary one (proxies, byte limit, error bodies):
 * - it goes to the base URL's origin only. A batch object names URLs the SDK then calls with the key
 *   (Anthropic's `results_url`); one pointing elsewhere is refused ({@link RedirectRefusedError}),
 *   so a hostile or broken server cannot send the key to another host;
 * - it sends a `FormData` body (the OpenAI SDK's file upload) as multipart bytes with its boundary,
 *   which the ordinary client, made for JSON bodies, does not take.
 */
export function createBatchFetch(baseURL: string, inner: Fetch): Fetch {
  const allowed = originOf(baseURL);
  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : input;
    const origin = originOf(url);
    if (origin === null || origin !== allowed) {
      // `data:` and other non-http URLs have the origin "null": name their scheme instead.
      throw new RedirectRefusedError(origin !== null && origin !== 'null' ? origin : `${String(url).split(':')[0]}:`);
    }
    if (!(init.body instanceof FormData)) return inner(input, init);
    const encoded = new Response(init.body);
    const headers = new Headers(init.headers);
    headers.set('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
    return inner(input, { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) });
  };
}
