/** What went by in a streamed body, as bytes: the SDKs parse the events but tell neither of these. */
export interface StreamWatch {
  /** Whether the `data: [DONE]` line that ends an OpenAI-format stream went by (the SDK swallows it). */
  done: boolean;
  /** The start of the body (at most 4 KiB), to tell what came when no event could be read. */
  head: string;
}

const doneLine = /(?:^|[\r\n])data: ?\[DONE\]/;
const headLimit = 4096;

/**
 * The longest line an event stream may send (1 MiB; a real event is a few KiB, a whole article well
 * under this). The SDKs' line decoders join every piece of an unfinished line again on each read, so a
 * line of many MiB costs seconds of CPU long before the reply's byte limit is reached.
 */
export const maxEventLineBytes = 1024 * 1024;

/** A watch with nothing seen yet. */
export const newStreamWatch = (): StreamWatch => ({ done: false, head: '' });

/**
 * Passes a streamed body through unchanged while noting its start and whether `data: [DONE]` came at
 * the start of a line (text inside JSON cannot match: a newline there is escaped). A line longer than
 * {@link maxEventLineBytes} fails the stream with `lineTooLong()`.
 */
export function watchEventStream(
  body: ReadableStream<Uint8Array>,
  watch: StreamWatch,
  lineTooLong: () => Error,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let tail = '\n';
  let lineBytes = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const newline = chunk.lastIndexOf(10);
        lineBytes = newline === -1 ? lineBytes + chunk.byteLength : chunk.byteLength - newline - 1;
        if (lineBytes > maxEventLineBytes) {
          controller.error(lineTooLong());
          return;
        }
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
