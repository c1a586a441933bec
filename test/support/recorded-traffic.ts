import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One SSE event as it was sent. */
export interface RecordedEvent {
  event?: string;
  data: string;
}

/** A recorded provider exchange (see test/fixtures/recorded/FORMAT.md). */
export interface Recording {
  id: string;
  provider: string;
  format: 'openai' | 'anthropic';
  stream: boolean;
  model: string | null;
  response: {
    status: number;
    headers: Record<string, string>;
    events?: RecordedEvent[];
    json?: unknown;
    text?: string;
  };
}

/** Where a recording came from (`index.json`). */
export interface RecordingSource {
  file: string;
  provider: string;
  source: { repo: string; path: string; commit: string } | { url: string };
  exact: boolean;
  note?: string;
}

export const recordedDirectory = fileURLToPath(new URL('../fixtures/recorded', import.meta.url));

/** Every recording in the folder, sorted by file name. */
export function loadRecordings(): Recording[] {
  return readdirSync(recordedDirectory)
    .filter((file) => file.endsWith('.json') && !file.startsWith('index'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(recordedDirectory, file), 'utf8')) as Recording);
}

/** The provenance index. */
export function loadRecordingIndex(): RecordingSource[] {
  return JSON.parse(readFileSync(path.join(recordedDirectory, 'index.json'), 'utf8')) as RecordingSource[];
}

/** The SSE body as it went over the wire. */
export function sseBody(events: readonly RecordedEvent[]): string {
  return events.map((event) => `${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`).join('');
}

/**
 * The body cut into pieces that split JSON and every multi-byte UTF-8 character (each piece ends
 * inside the next character when one is multi-byte), plus a cut every `every` bytes.
 */
export function awkwardPieces(body: Buffer, every = 11): Buffer[] {
  const cuts = new Set<number>();
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index]!;
    if (byte >= 0xc0 && byte <= 0xf7) cuts.add(index + 1);
    if (index > 0 && index % every === 0) cuts.add(index);
  }
  const ordered = [...cuts].filter((cut) => cut > 0 && cut < body.length).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const cut of ordered) {
    pieces.push(body.subarray(start, cut));
    start = cut;
  }
  pieces.push(body.subarray(start));
  return pieces;
}
