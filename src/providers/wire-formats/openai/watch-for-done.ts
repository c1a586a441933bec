/** Whether the `data: [DONE]` line that ends an OpenAI-format stream has gone by. */
export interface DoneWatch {
  done: boolean;
}

const doneLine = /(?:^|[\r\n])data: ?\[DONE\]/;

/**
 * Passes an SSE body through unchanged while watching for `data: [DONE]` at the start of a line (the
 * SDK consumes that line silently, so only the bytes tell whether a stream ended as it should). Text
 * inside JSON cannot match: a newline there is escaped.
 */
export function watchForDone(body: ReadableStream<Uint8Array>, watch: DoneWatch): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let tail = '\n';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!watch.done) {
          const text = tail + decoder.decode(chunk, { stream: true });
          if (doneLine.test(text)) watch.done = true;
          tail = text.slice(-16);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
