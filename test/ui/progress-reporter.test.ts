import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveModel } from '../../src/providers/registry.js';
import { createLineProgressReporter, createSpinnerProgressReporter, type ProgressReporter } from '../../src/ui/progress-reporter.js';
import { okResult } from '../support/model-result-fixture.js';
import { providerFailure } from '../support/recording-model.js';

const a = resolveModel('mock:a', {});
const b = resolveModel('mock:b', {});
const c = resolveModel('mock:c', {});
const done = (model: string) => okResult(model, 'text', { latencyMs: 1500, usage: { ...okResult(model, '').usage, outputTokens: 9 } });

/** A terminal-like stream: records what is written; a clear starts a new frame. */
class FakeTerminal extends Writable {
  isTTY = true;
  columns = 200;
  rows = 50;
  written = '';
  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void) {
    this.written += String(chunk);
    callback();
  }
  cursorTo() {
    this.written += '\n<clear>\n';
    return true;
  }
  moveCursor() {
    return true;
  }
  clearLine() {
    return true;
  }
  /** Everything as plain text. */
  plain() {
    return stripVTControlCharacters(this.written);
  }
  /** The lines printed to stay (ora's persisted result lines). */
  persisted() {
    return this.plain()
      .split('\n')
      .filter((line) => /^[✔✖] /.test(line));
  }
}

/** Lets the spinner's timers (its own frame interval and the reporter's ticker) run for this long, on a fake clock. */
const wait = (milliseconds: number) => vi.advanceTimersByTimeAsync(milliseconds);

describe('spinner reporter', () => {
  let reporter: ProgressReporter | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    reporter?.stop();
    vi.useRealTimers();
  });

  it('shows one model as before: position, id, elapsed time, tokens', async () => {
    const terminal = new FakeTerminal();
    let clock = 0;
    reporter = await createSpinnerProgressReporter(terminal as unknown as NodeJS.WriteStream, () => clock);
    reporter.started(a, 0, 1);
    clock = 1200;
    reporter.delta(a, 'some streamed text here');
    await wait(250);
    expect(terminal.plain()).toMatch(/\[1\/1\] mock:a 1\.20 s ~\d+ tokens/);
    reporter.finished(done('mock:a'));
    expect(terminal.persisted()).toEqual(['✔ mock:a done in 1.50 s, 9 tokens']);
  });

  it('shows every model in flight, and prints each result line as it ends while the others go on', async () => {
    const terminal = new FakeTerminal();
    let clock = 0;
    reporter = await createSpinnerProgressReporter(terminal as unknown as NodeJS.WriteStream, () => clock);
    reporter.started(a, 0, 3);
    clock = 100;
    reporter.started(b, 1, 3);
    clock = 200;
    reporter.started(c, 2, 3);
    clock = 1300;
    reporter.retrying(b, { attempt: 2, maxAttempts: 3, delayMs: 2000, error: providerFailure('RATE_LIMIT', { status: 429 }) });
    await wait(250);
    const frame = terminal.plain().split('<clear>').at(-1) ?? '';
    expect(frame).toContain('3 running, 0/3 done');
    expect(frame).toContain('[1/3] mock:a 1.30 s');
    expect(frame).toContain('[2/3] mock:b 1.20 s — retrying in 2 s (429, attempt 2/3)');
    expect(frame).toContain('[3/3] mock:c 1.10 s');

    reporter.finished(done('mock:b'));
    expect(terminal.persisted()).toEqual(['✔ mock:b done in 1.50 s, 9 tokens']);
    terminal.written = '';
    await wait(250);
    const after = terminal.plain().split('<clear>').at(-1) ?? '';
    expect(after).toContain('2 running, 1/3 done');
    expect(after).toContain('mock:a');
    expect(after).toContain('mock:c');
    expect(after).not.toContain('mock:b');

    reporter.finished(done('mock:c'));
    expect(terminal.persisted()).toEqual(['✔ mock:c done in 1.50 s, 9 tokens']);
    terminal.written = '';
    await wait(250);
    // One left: back to the single-line form.
    expect(terminal.plain().split('<clear>').at(-1)).toMatch(/\[1\/3\] mock:a \d/);
    reporter.finished({
      ...done('mock:a'),
      status: 'error',
      error: { type: 'AUTH', message: 'AUTH: no', retryable: false, status: 401, requestId: null, retryAfterMs: null },
    });
    expect(terminal.persisted()).toEqual(['✖ mock:a failed after 1.50 s: AUTH: no']);
  });

  it('prints warnings above the spinner', async () => {
    const terminal = new FakeTerminal();
    reporter = await createSpinnerProgressReporter(terminal as unknown as NodeJS.WriteStream, () => 0);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.warning(b, 'mock:b: RATE_LIMIT on key 1 of 2; trying key 2');
    expect(terminal.plain()).toContain('⚠ mock:b: RATE_LIMIT on key 1 of 2; trying key 2\n');
  });
});

describe('line reporter', () => {
  it('writes only whole lines, one per write, so models running at once never mix within a line', () => {
    const writes: string[] = [];
    const reporter = createLineProgressReporter({ write: (text: string) => writes.push(text) });
    reporter.started(a, 0, 3);
    reporter.started(b, 1, 3);
    reporter.delta(a, 'half a line from a');
    reporter.delta(b, 'half a line from b');
    reporter.retrying(b, { attempt: 2, maxAttempts: 3, delayMs: 1000, error: providerFailure('SERVER_ERROR') });
    reporter.warning(a, 'mock:a: RATE_LIMIT on key 1 of 2; trying key 2');
    reporter.finished(done('mock:b'));
    reporter.finished(done('mock:a'));
    reporter.stop();
    expect(writes).toEqual([
      '↻ mock:b: retrying in 1 s (500, attempt 2/3)\n',
      '⚠ mock:a: RATE_LIMIT on key 1 of 2; trying key 2\n',
      '✓ mock:b done in 1.50 s, 9 tokens\n',
      '✓ mock:a done in 1.50 s, 9 tokens\n',
    ]);
    for (const text of writes) expect(text.indexOf('\n')).toBe(text.length - 1);
  });
});
