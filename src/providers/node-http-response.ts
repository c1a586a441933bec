import type { Readable } from 'node:stream';
import { ReplyTooLargeError } from './reply-limits.js';

/** The reason an aborted signal gives (an AbortError when it gives none), as the built-in fetch does. */
export const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** What {@link NodeHttpResponse} is made of: the reply's head and its (decoded) body, or null for none. */
export interface NodeHttpReply {
  status: number;
  statusText: string;
  headers: Headers;
  url: string;
  redirected: boolean;
  source: Readable | null;
  signal: AbortSignal | null | undefined;
  /** Most bytes of decoded body ({@link ReplyTooLargeError} past it). */
  maxBytes: number;
  /** Called once when the body has ended, failed or been cancelled (stops listening to the signal). */
  done(): void;
}

const failure = (signal: AbortSignal | null | undefined, cause?: unknown) =>
  signal?.aborted ? abortReason(signal) : new TypeError('terminated', cause === undefined ? undefined : { cause });

/**
 * Reads a body's chunks into `take` until it ends (`end`) or fails (`fail`), one of the two once. A
 * connection cut before the end fails it with `TypeError: terminated`, as the built-in fetch does; an
 * abort with the signal's reason; more than `maxBytes` (decoded) with {@link ReplyTooLargeError}, and
 * reading stops, so neither a gzip bomb nor an endless body is ever held in memory. Returns `settle`,
 * which ends the reading with `finish` instead (a cancel).
 */
function readBody(
  reply: NodeHttpReply,
  source: Readable,
  take: (chunk: Buffer) => void,
  end: () => void,
  fail: (error: unknown) => void,
): (finish: () => void) => void {
  let settled = false;
  let received = 0;
  const settle = (finish: () => void) => {
    if (settled) return;
    settled = true;
    reply.done();
    finish();
  };
  source.on('data', (chunk: Buffer) => {
    if (settled) return;
    received += chunk.length;
    if (received > reply.maxBytes) {
      settle(() => fail(new ReplyTooLargeError(reply.maxBytes)));
      source.destroy();
      return;
    }
    take(chunk);
  });
  source.on('end', () => settle(end));
  source.on('error', (error) => settle(() => fail(failure(reply.signal, error))));
  source.on('close', () => settle(() => fail(failure(reply.signal))));
  return settle;
}

/** A web stream over a Node stream, read by {@link readBody}'s rules; a full queue pauses the source. */
function webStream(reply: NodeHttpReply, source: Readable): ReadableStream<Uint8Array> {
  let settle: (finish: () => void) => void = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      settle = readBody(
        reply,
        source,
        (chunk) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        },
        () => controller.close(),
        (error) => controller.error(error),
      );
    },
    pull() {
      source.resume();
    },
    cancel(reason) {
      settle(() => source.destroy(reason instanceof Error ? reason : undefined));
    },
  });
}

/** The whole body of a Node stream in one buffer, read by {@link readBody}'s rules. */
function readWhole(reply: NodeHttpReply, source: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    readBody(
      reply,
      source,
      (chunk) => chunks.push(chunk),
      () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
      reject,
    );
  });
}

const decoder = new TextDecoder();

/**
 * The `Response` that {@link nodeHttpFetch} returns. A reply read whole (`json()`, `text()`, what an
 * SDK does with every non-streamed answer) is read straight from the socket; `body` (a stream, a
 * `clone()`) turns it into a web stream the first time it is asked for. The rest is the standard's:
 * a body is read once (`bodyUsed` says so once a method has read it), a null body reads as empty.
 */
export class NodeHttpResponse implements Response {
  readonly type: Response['type'] = 'basic';
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  #reply: NodeHttpReply;
  #stream: ReadableStream<Uint8Array> | null = null;
  #used = false;

  constructor(reply: NodeHttpReply) {
    this.#reply = reply;
    this.status = reply.status;
    this.statusText = reply.statusText;
    this.headers = reply.headers;
    this.url = reply.url;
    this.redirected = reply.redirected;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#reply.source === null) return null;
    if (this.#stream === null && this.#used) {
      // read whole already: like a read stream, it is closed and locked
      this.#stream = new ReadableStream({ start: (controller) => controller.close() });
      this.#stream.getReader();
    }
    this.#stream ??= webStream(this.#reply, this.#reply.source);
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const whole = await this.#consume();
    return new Uint8Array(whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    return decoder.decode(await this.#consume());
  }

  async json(): Promise<any> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    return new Response(await this.bytes(), { headers: this.headers }).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    const body = this.body;
    if (body === null) return new NodeHttpResponse({ ...this.#reply, source: null });
    const [mine, theirs] = body.tee();
    this.#stream = mine;
    const copy = new Response(theirs, { status: this.status, statusText: this.statusText, headers: this.headers });
    Object.defineProperty(copy, 'url', { value: this.url });
    return copy;
  }

  async #consume(): Promise<Buffer> {
    if (this.#used || this.#stream?.locked) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    const { source } = this.#reply;
    if (source === null) return Buffer.alloc(0);
    if (this.#stream === null) return readWhole(this.#reply, source);
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.#stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}
