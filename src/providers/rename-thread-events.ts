/**
 * Renames `event: thread.…` in an OpenAI-format event stream. Chat Completions never sends such
 * events, but the OpenAI SDK parses them on a path of their own that prints an unparsable one raw
 * with `console.error`, past the logger it is given: a server could make it print an echoed key.
 * Renamed, the event takes the ordinary path, whose failure is a typed, redacted error. Complete lines
 * pass at once; only an unfinished line waits for the rest (the SDK reads whole lines anyway).
 */
export function renameThreadEvents(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry = '';
  const rename = (text: string) => text.replace(/^event:( ?)thread\./gm, 'event:$1renamed-thread.');
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = carry + decoder.decode(chunk, { stream: true });
        const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
        carry = text.slice(end);
        if (end > 0) controller.enqueue(encoder.encode(rename(text.slice(0, end))));
      },
      flush(controller) {
        const rest = carry + decoder.decode();
        if (rest !== '') controller.enqueue(encoder.encode(rename(rest)));
      },
    }),
  );
}
