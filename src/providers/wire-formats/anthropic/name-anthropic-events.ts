import { mapCompleteLines } from '../../map-complete-lines.js';

/**
 * Gives every event of an Anthropic-format stream an `event:` line. The Messages API sends one before
 * each `data:`, and the SDK skips data without it; some proxies and gateways send `data:` lines only,
 * whose JSON names its type (`{"type":"message_start",…}`). Such an event gets `event: <type>` from
 * its own JSON; a stream that has the lines passes unchanged. Complete lines pass at once; only an
 * unfinished line waits for the rest (bounded by the event-line limit applied before).
 */
export function nameAnthropicEvents(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let named = false;
  const typeOf = (data: string): string | null => {
    try {
      const parsed = JSON.parse(data) as { type?: unknown };
      return typeof parsed.type === 'string' && /^[A-Za-z_]+$/.test(parsed.type) ? parsed.type : null;
    } catch {
      return null;
    }
  };
  const name = (lines: string[]): string =>
    lines
      .map((line) => {
        const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
        if (bare === '') named = false;
        else if (bare.startsWith('event:')) named = true;
        else if (bare.startsWith('data:') && !named) {
          const type = typeOf(bare.slice(5).trimStart());
          if (type !== null) {
            named = true;
            return `event: ${type}\n${line}`;
          }
        }
        return line;
      })
      .join('\n');
  return mapCompleteLines(
    body,
    (text) => text.lastIndexOf('\n'),
    (text) => (text.endsWith('\n') ? `${name(text.slice(0, -1).split('\n'))}\n` : name(text.split('\n'))),
  );
}
