/** What went by in a streamed body, as bytes: the SDKs parse the events but tell neither of these. */
export interface StreamWatch {
  /** Whether the `data: [DONE]` line that ends an OpenAI-format stream went by (the SDK swallows it). */
  done: boolean;
  /** The start of the body (at most 4 KiB), to tell what came when no event could be read. */
  head: string;
}

const doneLine = /(?:^|[\r\n])data: ?\[DONE\]/;
const headLimit = 4096;

/** A watch with nothing seen yet. */
export const newStreamWatch = (): StreamWatch => ({ done: false, head: '' });

/**
 * Passes a streamed body through unchanged while noting its start and whether `data: [DONE]` came at
 * the start of a line. Text inside JSON cannot match: a newline there is escaped.
 */
export function watchEventStream(body: ReadableStream<Uint8Array>, watch: StreamWatch): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let tail = '\n';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!watch.done || watch.head.length < headLimit) {
          const text = decoder.decode(chunk, { stream: true });
          if (watch.head.length < headLimit) watch.head += text.slice(0, headLimit - watch.head.length);
          if (doneLine.test(tail + text)) watch.done = true;
          tail = (tail + text).slice(-16);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
