import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStream, pollIntervalMs } from '../../../src/view/server/event-stream.js';
import type { HistoryChanges, HistoryWatcher } from '../../../src/view/server/history-watcher.js';

/** A watcher that counts its polls and tells the changes queued for it. */
function fakeWatcher() {
  const queued: HistoryChanges[] = [];
  const watcher = {
    polls: 0,
    resets: 0,
    closed: false,
    queued,
    reset: () => void (watcher.resets += 1),
    poll: (): HistoryChanges => {
      watcher.polls += 1;
      return queued.shift() ?? { runs: [], results: [] };
    },
    close: () => void (watcher.closed = true),
  };
  return watcher;
}

/** A client: a request that can close and a response that keeps what was written. */
function fakeClient() {
  const request = new EventEmitter();
  const response = Object.assign(new EventEmitter(), {
    written: '',
    ended: false,
    writeHead: () => response,
    write: (text: string) => void (response.written += text),
    end: () => void (response.ended = true),
  });
  return { request, response, asNode: [request as unknown as IncomingMessage, response as unknown as ServerResponse] as const };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('event stream', () => {
  it('polls only while a client listens, and tells what the watcher found as events', async () => {
    vi.useFakeTimers();
    const watcher = fakeWatcher();
    const stream = eventStream(
      async () => watcher as HistoryWatcher,
      () => {},
    );
    const client = fakeClient();
    stream.attach(...client.asNode);
    await vi.waitFor(() => expect(client.response.written).toContain('event: hello'));
    expect(watcher.resets).toBe(1);
    watcher.queued.push({
      runs: [{ runId: 3, kind: 'compare', topic: 't', ok: 1, failed: 0 }],
      results: [{ runId: 3, position: 0, model: 'mock:a', status: 'ok' }],
    });
    await vi.advanceTimersByTimeAsync(pollIntervalMs);
    expect(watcher.polls).toBe(1);
    expect(client.response.written).toContain('event: run\ndata: {"runId":3,"kind":"compare","topic":"t","ok":1,"failed":0}\n\n');
    expect(client.response.written).toContain('event: result\ndata: {"runId":3,"position":0,"model":"mock:a","status":"ok"}\n\n');
    client.request.emit('close');
    expect(stream.clients).toBe(0);
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 10);
    expect(watcher.polls).toBe(1);
    const again = fakeClient();
    stream.attach(...again.asNode);
    await vi.waitFor(() => expect(again.response.written).toContain('event: hello'));
    expect(watcher.resets).toBe(2);
    await vi.advanceTimersByTimeAsync(pollIntervalMs);
    expect(watcher.polls).toBe(2);
    stream.close();
    expect(again.response.ended).toBe(true);
    expect(watcher.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 10);
    expect(watcher.polls).toBe(2);
  });

  it('says a failing poll once and ends a stream whose watcher cannot open', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const watcher = fakeWatcher();
    watcher.poll = () => {
      throw new Error('database is locked');
    };
    const stream = eventStream(
      async () => watcher as HistoryWatcher,
      (error) => errors.push(error),
    );
    const client = fakeClient();
    stream.attach(...client.asNode);
    await vi.waitFor(() => expect(client.response.written).toContain('event: hello'));
    await vi.advanceTimersByTimeAsync(pollIntervalMs * 3);
    expect(errors).toHaveLength(1);
    stream.close();
    const broken = eventStream(
      () => Promise.reject(new Error('no file')),
      (error) => errors.push(error),
    );
    const refused = fakeClient();
    broken.attach(...refused.asNode);
    await vi.waitFor(() => expect(refused.response.ended).toBe(true));
    expect(errors).toHaveLength(2);
  });
});
