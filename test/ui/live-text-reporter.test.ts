import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import { resolveModel } from '../../src/providers/registry.js';
import { createLiveTextReporter } from '../../src/ui/live-text-reporter.js';
import { okResult } from '../support/model-result-fixture.js';
import { providerFailure } from '../support/recording-model.js';

const a = resolveModel('mock:a', {});
const b = resolveModel('mock:b', {});
const c = resolveModel('mock:c', {});

/** stdout and stderr as separate streams, and as the one terminal a user sees. */
function terminal() {
  let out = '';
  let err = '';
  let screen = '';
  return {
    output: { write: (text: string) => ((out += text), (screen += text)) },
    notes: { write: (text: string) => ((err += text), (screen += text)) },
    out: () => out,
    err: () => err,
    screen: () => screen,
  };
}

const done = (model: string, text: string) =>
  okResult(model, text, { latencyMs: 1000, usage: { ...okResult(model, '').usage, outputTokens: 5 } });

describe('live text reporter, one model at a time (sequential)', () => {
  it('streams each model under its header, notes on stderr', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.delta(a, '# A\n');
    reporter.delta(a, 'alpha');
    reporter.finished(done('mock:a', '# A\nalpha'));
    reporter.started(b, 1, 2);
    reporter.delta(b, 'beta');
    reporter.finished(done('mock:b', 'beta'));
    reporter.stop();
    expect(io.out()).toBe('── [1/2] mock:a ──\n# A\nalpha\n\n── [2/2] mock:b ──\nbeta\n\n');
    expect(io.err()).toBe('✓ mock:a done in 1.00 s, 5 tokens\n✓ mock:b done in 1.00 s, 5 tokens\n');
    expect([...reporter.printedText]).toEqual(['mock:a', 'mock:b']);
  });
});

describe('live text reporter with models running at once', () => {
  it('streams the first model and plays the others back when it is done, never mixing their text', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.delta(a, 'a1 ');
    reporter.delta(b, 'b1 ');
    reporter.delta(a, 'a2');
    reporter.delta(b, 'b2');
    // Only a's text is on the terminal so far.
    expect(io.screen()).toBe('── [1/2] mock:a ──\na1 a2');
    reporter.finished(done('mock:b', 'b1 b2'));
    expect(io.screen()).toBe('── [1/2] mock:a ──\na1 a2');
    reporter.finished(done('mock:a', 'a1 a2'));
    reporter.stop();
    expect(io.screen()).toBe(
      '── [1/2] mock:a ──\na1 a2\n\n✓ mock:a done in 1.00 s, 5 tokens\n── [2/2] mock:b ──\nb1 b2\n\n✓ mock:b done in 1.00 s, 5 tokens\n',
    );
    expect([...reporter.printedText].sort()).toEqual(['mock:a', 'mock:b']);
  });

  it('hands the terminal to the next model still running, which then streams live', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.delta(b, 'b1 ');
    reporter.delta(a, 'a1');
    reporter.finished(done('mock:a', 'a1'));
    // b's header and what it wrote so far come right after a.
    expect(io.out()).toBe('── [1/2] mock:a ──\na1\n\n── [2/2] mock:b ──\nb1 ');
    reporter.delta(b, 'b2');
    expect(io.out().endsWith('b1 b2')).toBe(true);
    reporter.finished(done('mock:b', 'b1 b2'));
    reporter.stop();
    expect(io.out()).toBe('── [1/2] mock:a ──\na1\n\n── [2/2] mock:b ──\nb1 b2\n\n');
  });

  it('plays back models that already finished before the next one still running', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 3);
    reporter.started(b, 1, 3);
    reporter.started(c, 2, 3);
    reporter.delta(b, 'b-partial ');
    reporter.delta(c, 'c-all');
    reporter.finished(done('mock:c', 'c-all'));
    reporter.delta(a, 'a-all');
    reporter.finished(done('mock:a', 'a-all'));
    reporter.delta(b, 'b-rest');
    reporter.finished(done('mock:b', 'b-partial b-rest'));
    reporter.stop();
    const headers = io.out().match(/── \[\d\/3\] mock:\w ──/g);
    expect(headers).toEqual(['── [1/3] mock:a ──', '── [3/3] mock:c ──', '── [2/3] mock:b ──']);
    expect(io.out()).toContain('── [3/3] mock:c ──\nc-all\n\n');
    expect(io.out()).toContain('── [2/3] mock:b ──\nb-partial b-rest\n\n');
  });

  it("keeps a waiting model's notes with its text, and writes notes only at line starts", () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.delta(a, 'a-half');
    reporter.retrying(b, {
      attempt: 2,
      maxAttempts: 3,
      delayMs: 1000,
      error: providerFailure('RATE_LIMIT', { status: 429 }),
    });
    reporter.warning(b, 'mock:b: RATE_LIMIT on key 1 of 2; trying key 2');
    expect(io.screen()).toBe('── [1/2] mock:a ──\na-half');
    reporter.delta(b, 'b-text');
    reporter.warning(a, 'mock:a temperature clamped');
    reporter.delta(a, ' a-rest');
    reporter.finished(done('mock:a', 'a'));
    reporter.finished(done('mock:b', 'b'));
    reporter.stop();
    expect(io.screen()).toBe(
      [
        '── [1/2] mock:a ──',
        'a-half',
        '⚠ mock:a temperature clamped',
        ' a-rest',
        '',
        '✓ mock:a done in 1.00 s, 5 tokens',
        '── [2/2] mock:b ──',
        '↻ mock:b: retrying in 1 s (429, attempt 2/3); the text starts again',
        '⚠ mock:b: RATE_LIMIT on key 1 of 2; trying key 2',
        'b-text',
        '',
        '✓ mock:b done in 1.00 s, 5 tokens',
        '',
      ].join('\n'),
    );
  });

  it('keeps the text of one fallback shared by two models apart', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    // The runner gives each chain its own copy of the fallback.
    const fallbackForA = { ...resolveModel('mock:f', {}) };
    const fallbackForB = { ...resolveModel('mock:f', {}) };
    const failure = new ProviderError({ ...providerFailure('AUTH').fields(), provider: 'mock' });
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.fallingBack(b, fallbackForB, failure);
    reporter.fallingBack(a, fallbackForA, failure);
    reporter.delta(fallbackForB, 'for-b ');
    reporter.delta(fallbackForA, 'for-a ');
    reporter.delta(fallbackForB, 'more-b');
    reporter.delta(fallbackForA, 'more-a');
    reporter.finished(done('mock:a', 'x'));
    reporter.finished(done('mock:b', 'y'));
    reporter.stop();
    expect(io.out()).toBe(
      '── [1/2] mock:a ──\n── mock:f (fallback for mock:a) ──\nfor-a more-a\n\n── [2/2] mock:b ──\n── mock:f (fallback for mock:b) ──\nfor-b more-b\n\n',
    );
  });

  it('on stop (interrupted), shows what the waiting models wrote, one after another', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.delta(a, 'a-part');
    reporter.delta(b, 'b-part');
    reporter.stop();
    expect(io.out()).toBe('── [1/2] mock:a ──\na-part\n── [2/2] mock:b ──\nb-part\n');
    expect(reporter.printedText.size).toBe(0);
  });

  it('does not count a failed model as printed', () => {
    const io = terminal();
    const reporter = createLiveTextReporter(io.output, io.notes);
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.finished({
      ...done('mock:b', 'x'),
      status: 'error',
      error: { type: 'AUTH', message: 'AUTH: no', retryable: false, status: 401, requestId: null, retryAfterMs: null },
    });
    reporter.finished(done('mock:a', 'a'));
    expect([...reporter.printedText]).toEqual(['mock:a']);
    expect(io.err()).toContain('✗ mock:b failed after 1.00 s: AUTH: no');
  });
});
