import { mapCompleteLines } from './map-complete-lines.js';

/**
 * Renames `event: thread.…` in an OpenAI-format event stream. Chat Completions never sends such
 * events, but the OpenAI SDK parses them on a path of their own that prints an unparsable one raw
 * with `console.error`, past the logger it is given: a server could make it print an echoed key.
 * Renamed, the event takes the ordinary path, whose failure is a typed, redacted error. Complete lines
 * pass at once; only an unfinished line waits for the rest (the SDK reads whole lines anyway).
 */
export function renameThreadEvents(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return mapCompleteLines(
    body,
    (text) => Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')),
    (text) => text.replace(/^event:( ?)thread\./gm, 'event:$1renamed-thread.'),
  );
}
