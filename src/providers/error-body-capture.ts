/** Error responses' bodies as sent, by the `Headers` object the SDK error carries. */
const errorBodies = new WeakMap<Headers, string>();

/** The most of an error body that is read: enough for any real error, bounded for a hostile server. */
const maxErrorBodyBytes = 64 * 1024;

async function readBounded(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (bytes >= maxErrorBodyBytes) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}

/**
 * Wraps a fetch so that every error response's body (status ≥ 400) is kept as sent, at most 64 KiB.
 * The SDKs read only `{ error: … }` objects; providers also send a JSON array of errors (Gemini), a
 * MiniMax `base_resp`, or an HTML page from a proxy, and those would be lost. See {@link errorBodyOf}.
 */
export function keepingErrorBodies(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status < 400) return response;
    const text = await readBounded(response);
    const copy = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    errorBodies.set(copy.headers, text);
    return copy;
  };
}

/** The body of the error response these headers came with, when {@link keepingErrorBodies} saw it. */
export function errorBodyOf(headers: unknown): string | null {
  return headers instanceof Headers ? (errorBodies.get(headers) ?? null) : null;
}
