import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../src/store/history-store.js';
import { okResult } from '../../support/model-result-fixture.js';
import { startTestView, token, type TestView } from './view-test-server.js';

/** Reads an event stream into a growing text; `stop` closes it. */
function listen(view: TestView, headers: Record<string, string> = {}) {
  let text = '';
  let ended = false;
  let status = 0;
  const sent = request(
    {
      host: '127.0.0.1',
      port: view.server.port,
      path: '/api/events',
      headers: { host: `127.0.0.1:${view.server.port}`, authorization: `Bearer ${token}`, ...headers },
    },
    (response) => {
      status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => (ended = true));
      response.on('error', () => (ended = true));
    },
  );
  sent.on('error', () => (ended = true));
  sent.end();
  return { text: () => text, ended: () => ended, status: () => status, stop: () => sent.destroy() };
}

/** Polls `condition` every 20 ms for at most 15 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 750; tries += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/** The parsed `data` of every event of this name in the stream so far. */
const events = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`, 'g'))].map(
    (match) => JSON.parse(match[1] as string) as Record<string, unknown>,
  );

let view: TestView | undefined;
afterEach(async () => {
  await view?.close();
  view = undefined;
});

describe('GET /api/events', () => {
  it('tells a run and its results written by another connection after the client connected', async () => {
    view = await startTestView();
    const stream = listen(view);
    await until(() => stream.text().includes('event: hello'), 'hello');
    expect(stream.status()).toBe(200);
    expect(events(stream.text(), 'run')).toEqual([]);
    const other = await openHistoryStore(view.home);
    const runId = other.startRun({
      startedAt: '2026-11-22T10:00:00.000Z',
      kind: 'compare',
      parentRunId: null,
      prompt: '写一篇关于雪的文章',
      promptSource: 'topic',
      topic: '雪',
      systemPrompt: null,
      options: {},
      toolVersion: 'test',
    });
    other.recordResult(runId, 0, okResult('mock:alpha', '雪'));
    await until(() => events(stream.text(), 'result').some((event) => event.runId === runId), 'the result event');
    other.recordResult(runId, 1, okResult('mock:beta', null, { status: 'error', servedBy: null }));
    await until(() => events(stream.text(), 'result').some((event) => event.position === 1), 'the second result');
    const batchId = other.startRun({
      startedAt: '2026-11-22T10:01:00.000Z',
      kind: 'compare',
      parentRunId: null,
      prompt: '写春天',
      promptSource: 'prompts.jsonl',
      topic: null,
      systemPrompt: null,
      options: { prompts: [{ id: 'spring' }, { id: 'autumn' }] },
      toolVersion: 'test',
    });
    await until(() => events(stream.text(), 'run').some((event) => event.runId === batchId), 'the batch run event');
    expect(events(stream.text(), 'run').find((event) => event.runId === batchId)).toEqual({
      runId: batchId,
      kind: 'batch',
      topic: 'spring, autumn',
      ok: 0,
      failed: 0,
    });
    other.close();
    const results = events(stream.text(), 'result').filter((event) => event.runId === runId);
    expect(results).toEqual([
      { runId, position: 0, model: 'mock:alpha', status: 'ok' },
      { runId, position: 1, model: 'mock:beta', status: 'error' },
    ]);
    const runs = events(stream.text(), 'run').filter((event) => event.runId === runId);
    expect(runs.at(-1)).toEqual({ runId, kind: 'compare', topic: '雪', ok: 1, failed: 1 });
    // nothing that was there before the client came is told again
    expect(events(stream.text(), 'result').every((event) => event.runId === runId)).toBe(true);
    stream.stop();
  });

  it('needs the token, and ends its streams when the server stops', async () => {
    view = await startTestView();
    const refused = listen(view, { authorization: 'Bearer nope' });
    await until(() => refused.ended(), 'the refusal');
    expect(refused.status()).toBe(401);
    const stream = listen(view);
    await until(() => stream.text().includes('event: hello'), 'hello');
    await view.close();
    view = undefined;
    await until(() => stream.ended(), 'the end of the stream');
  });
});
