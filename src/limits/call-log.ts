/** A request as the calls log records it when it is sent (never a key: its id). */
export interface SentCall {
  /** Epoch milliseconds. */
  sentAt: number;
  provider: string;
  keyId: string;
  /** `provider:model`. */
  model: string;
  /** The history run it belongs to, when known. */
  runId: number | null;
}

/** A logged call in a window: when it was sent, and its tokens (0 until it ends, or when not reported). */
export interface LoggedCall {
  sentAt: number;
  tokens: number;
}

/**
 * Where calls are counted: the history's `calls` table (src/store/call-log-store.ts), or memory.
 * Synchronous, so checking a key and recording its call cannot interleave with another call of
 * this process.
 */
export interface CallLog {
  /** Records a request as it is sent; the handle to give `ended`. */
  sent(call: SentCall): number;
  /** The request's tokens (input + output reported) once it ended. */
  ended(handle: number, tokens: number | null): void;
  /** Calls sent with this key at or after `since` (epoch ms), and their tokens. */
  usage(keyId: string, since: number): { calls: number; tokens: number };
  /** Those calls oldest first, at most `limit` of them. */
  oldest(keyId: string, since: number, limit: number): LoggedCall[];
}

/** A log in memory: this run's calls only. */
export function memoryCallLog(): CallLog {
  const calls: (SentCall & { tokens: number })[] = [];
  const inWindow = (keyId: string, since: number) => calls.filter((call) => call.keyId === keyId && call.sentAt >= since);
  return {
    sent: (call) => calls.push({ ...call, tokens: 0 }) - 1,
    ended: (handle, tokens) => {
      const call = calls[handle];
      if (call) call.tokens = tokens ?? 0;
    },
    usage: (keyId, since) => {
      const found = inWindow(keyId, since);
      return { calls: found.length, tokens: found.reduce((sum, call) => sum + call.tokens, 0) };
    },
    oldest: (keyId, since, limit) =>
      inWindow(keyId, since)
        .sort((a, b) => a.sentAt - b.sentAt)
        .slice(0, limit)
        .map(({ sentAt, tokens }) => ({ sentAt, tokens })),
  };
}

/**
 * What the history already holds (read, never written) plus this run's calls in memory: the log of a
 * run with the history turned off. Its calls are not kept for the next run.
 */
export function readOnlyPlusMemory(stored: Pick<CallLog, 'usage' | 'oldest'>): CallLog {
  const memory = memoryCallLog();
  return {
    sent: memory.sent,
    ended: memory.ended,
    usage: (keyId, since) => {
      const [a, b] = [stored.usage(keyId, since), memory.usage(keyId, since)];
      return { calls: a.calls + b.calls, tokens: a.tokens + b.tokens };
    },
    oldest: (keyId, since, limit) =>
      [...stored.oldest(keyId, since, limit), ...memory.oldest(keyId, since, limit)].sort((a, b) => a.sentAt - b.sentAt).slice(0, limit),
  };
}
