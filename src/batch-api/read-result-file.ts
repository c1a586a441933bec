import type { BatchCellOutcome } from './batch-api.js';
import { redactOutcome } from './batch-call.js';
import { cellTooLong, failed, type BatchWhere } from './batch-cell-errors.js';
import { customIdFromHead, readJsonlLines } from './read-jsonl-lines.js';

/** How a result file is read: one format's line reader, the limits, and the guarded call for each read. */
export interface ResultFileReading {
  where: BatchWhere;
  maxLineBytes: number;
  /** The outcome one parsed line gives, or null when it names no cell. */
  readLine: (parsed: unknown) => BatchCellOutcome | null;
  /** Runs each read of the body (its failures become typed errors). */
  guard: <T>(read: () => Promise<T>) => Promise<T>;
  /** Custom ids already reported (a cell is reported once, the first time it appears); added to. */
  seen: Set<string>;
}

/**
 * The outcomes in one streamed JSONL result file, redacted, one line at a time. A line over the
 * per-reply byte limit fails its cell (when its id can be read from its start); a line that is not
 * JSON or names no cell is skipped, so its cell is reported missing afterwards.
 */
export async function* readResultFile(body: AsyncIterable<Uint8Array>, reading: ResultFileReading): AsyncGenerator<BatchCellOutcome> {
  const { where, seen } = reading;
  const lines = readJsonlLines(body, reading.maxLineBytes);
  for (;;) {
    const next = await reading.guard(() => lines.next());
    if (next.done) return;
    const line = next.value;
    let outcome: BatchCellOutcome | null = null;
    if (line.tooLong) {
      const customId = customIdFromHead(line.head);
      if (customId !== null) outcome = failed(customId, 'errored', cellTooLong(where, reading.maxLineBytes));
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line.text);
      } catch {
        continue;
      }
      outcome = reading.readLine(parsed);
    }
    if (outcome === null || seen.has(outcome.customId)) continue;
    seen.add(outcome.customId);
    yield redactOutcome(
      outcome,
      where.secrets.filter((secret): secret is string => typeof secret === 'string'),
    );
  }
}
