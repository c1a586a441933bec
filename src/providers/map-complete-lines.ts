/**
 * Rewrites a streamed text body a piece of complete lines at a time: `map` gets the text up to and
 * including the last line end found by `lastLineEnd` (and, at the end, whatever is left); an
 * unfinished line waits for the rest. Lines are bounded by the event-line limit applied before.
 */
export function mapCompleteLines(
  body: ReadableStream<Uint8Array>,
  lastLineEnd: (text: string) => number,
  map: (text: string) => string,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = '';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = carry + decoder.decode(chunk, { stream: true });
        const end = lastLineEnd(text) + 1;
        carry = text.slice(end);
        if (end > 0) controller.enqueue(encoder.encode(map(text.slice(0, end))));
      },
      flush(controller) {
        const rest = carry + decoder.decode();
        if (rest !== '') controller.enqueue(encoder.encode(map(rest)));
      },
    }),
  );
}
