import { emitKeypressEvents } from 'node:readline';

/** What a keypress means in a vote session. */
export type VoteKey =
  | 'a'
  | 'b'
  | 't'
  | 'x'
  | 's'
  | 'q'
  | 'next-page'
  | 'previous-page'
  | 'line-down'
  | 'line-up'
  /** Ctrl-C (raw mode turns it into a key), or the run's abort signal. */
  | 'interrupt'
  /** The terminal changed size: draw again. */
  | 'resize'
  | 'other';

/** The keys a session reads, one at a time; tests hand in a scripted list. When it ends, the session quits. */
export type KeyReader = AsyncIterable<VoteKey>;

/** A keypress as readline reports it. */
interface Keypress {
  name?: string;
  sequence?: string;
  ctrl?: boolean;
}

/** The vote key a keypress stands for. */
export function voteKeyOf(text: string | undefined, key: Keypress | undefined): VoteKey {
  if (key?.ctrl && (key.name === 'c' || key.name === 'd')) return 'interrupt';
  const name = key?.name ?? text ?? '';
  switch (name) {
    case 'space':
    case 'pagedown':
      return 'next-page';
    case 'pageup':
    case 'p':
      return 'previous-page';
    case 'down':
    case 'j':
      return 'line-down';
    case 'up':
    case 'k':
      return 'line-up';
    case 'a':
    case 'b':
    case 't':
    case 'x':
    case 's':
    case 'q':
      return name;
    default:
      return text === ' ' ? 'next-page' : 'other';
  }
}

/** The terminal streams the real reader needs (process.stdin / process.stdout). */
export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/**
 * Keys from a real terminal: raw mode on stdin (so each keypress arrives at once and Ctrl-C is a key,
 * not a signal), decoded by readline. The mode and the listeners are restored when the session stops
 * reading (the iterator's `return`), whatever the reason; an aborted `signal` reads as 'interrupt'.
 */
export async function* terminalKeys(streams: TerminalStreams, signal?: AbortSignal): AsyncGenerator<VoteKey> {
  const { stdin, stdout } = streams;
  const queue: VoteKey[] = [];
  let wake: (() => void) | null = null;
  const push = (key: VoteKey) => {
    queue.push(key);
    wake?.();
  };
  const onKeypress = (text: string | undefined, key: Keypress | undefined) => push(voteKeyOf(text, key));
  const onResize = () => push('resize');
  const onAbort = () => push('interrupt');
  const wasRaw = stdin.isRaw;
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.on('keypress', onKeypress);
  stdout.on('resize', onResize);
  signal?.addEventListener('abort', onAbort, { once: true });
  stdin.resume();
  try {
    if (signal?.aborted) yield 'interrupt';
    for (;;) {
      const key = queue.shift();
      if (key !== undefined) {
        yield key;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    stdin.off('keypress', onKeypress);
    stdout.off('resize', onResize);
    signal?.removeEventListener('abort', onAbort);
    stdin.setRawMode(wasRaw);
    stdin.pause();
  }
}
