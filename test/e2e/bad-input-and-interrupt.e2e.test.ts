import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { observeProgress } from '../support/observe-progress.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const openaiKey = 'sk-badinput-openai-key-42';
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-input-'));
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇短文。');
  writeFileSync(path.join(cwd, 'empty.md'), '  \n\t\n');
  writeFileSync(path.join(cwd, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]));
  writeFileSync(path.join(cwd, 'not-a-dir'), 'x');
  mkdirSync(path.join(cwd, 'briefs'));
});

const badInputs: [string, string[], RegExp][] = [
  ['a missing prompt file', ['-m', 'openai:x', '-p', 'missing.md'], /the --prompt file "missing.md" does not exist/],
  ['an empty prompt file', ['-m', 'openai:x', '-p', 'empty.md'], /the prompt from "empty.md" is empty/],
  ['a directory as prompt file', ['-m', 'openai:x', '-p', 'briefs'], /the --prompt file "briefs" is a directory, not a file/],
  ['a binary prompt file', ['-m', 'openai:x', '-p', 'image.png'], /the --prompt file "image.png" looks binary/],
  ['a missing system prompt file', ['-m', 'openai:x', '-p', 'brief.md', '-s', 'nope.txt'], /the --system file "nope.txt" does not exist/],
  [
    '--temperature out of range',
    ['-m', 'openai:x', '-p', 'brief.md', '--temperature', '3'],
    /--temperature takes a number from 0 to 2, got "3"/,
  ],
  [
    '--max-tokens not a number',
    ['-m', 'openai:x', '-p', 'brief.md', '--max-tokens', 'abc'],
    /--max-tokens takes a whole number of at least 1/,
  ],
  ['--timeout zero', ['-m', 'openai:x', '-p', 'brief.md', '--timeout', '0'], /--timeout takes a whole number of at least 1/],
  [
    '--retries out of range',
    ['-m', 'openai:x', '-p', 'brief.md', '--retries', '11'],
    /--retries takes a whole number from 0 to 10, got "11"/,
  ],
  ['an empty --models', ['-m', '', '-p', 'brief.md'], /--models is empty/],
  [
    'an unknown provider',
    ['-m', 'llama:7b', '-p', 'brief.md'],
    /unknown model "llama:7b": known providers: openai, anthropic, minimax, deepseek/,
  ],
  ['a model without a key', ['-m', 'openai:x,minimax', '-p', 'brief.md'], /minimax:MiniMax-M2.7 needs MINIMAX_API_KEY/],
  ['no --models and no TTY', ['-p', 'brief.md'], /no models selected: pass --models/],
  [
    'an unwritable output directory',
    ['-m', 'openai:x', '-p', 'brief.md', '-o', 'not-a-dir'],
    /the output directory ".*not-a-dir" exists and is not a directory: pass --out <dir>/,
  ],
  ['an unknown --fallback', ['-m', 'openai:x', '-p', 'brief.md', '--fallback', 'nope'], /unknown model "nope"/],
  ['an unknown option', ['-m', 'openai:x', '--colour'], /unknown option '--colour'/],
];

describe('bad input: one clear line, exit 2, no provider call', () => {
  it.each(badInputs)('%s', async (_name, args, message) => {
    const run = await runCliInProcess(args, { cwd, env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: fakeServer().openaiBaseURL } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(openaiKey);
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('shows a stack trace only with --debug', async () => {
    const run = await runCliInProcess(['-m', 'openai:x', '-p', 'missing.md', '--debug'], { cwd, env: { OPENAI_API_KEY: openaiKey } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(openaiKey);
  });
});

describe('Ctrl-C during a run', () => {
  // Ctrl-C aborts the run's signal (src/cli.ts); here the test aborts it, once the slow model has started.
  // "Quickly" needs no clock: the slow model would take 20 s, the test's whole timeout, had it not been cancelled.
  it.each([
    ['table', []],
    ['--json', ['--json']],
  ])('keeps and reports finished results, cancels the one in flight, exits 130 quickly (%s)', async (_label, extra) => {
    const interrupt = new AbortController();
    const run = await runCliInProcess(['-m', 'mock:alpha,mock:slow?delay=20000,mock:never', 'topic', ...extra], {
      cwd,
      signal: interrupt.signal,
      deps: observeProgress({
        started: (model) => {
          if (model.id === 'mock:slow?delay=20000') setImmediate(() => interrupt.abort());
        },
      }),
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('mock:alpha done');
    expect(run.stderr).toContain('interrupted; 1 finished result(s) kept');
    if (extra.length > 0) {
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.results.map((result) => [result.model, result.status, result.error?.type ?? null])).toEqual([
        ['mock:alpha', 'ok', null],
        ['mock:slow?delay=20000', 'error', 'CANCELLED'],
      ]);
    } else {
      expect(run.stdout).toContain('mock:alpha');
      expect(run.stdout).toContain('CANCELLED');
      expect(run.stdout).not.toContain('mock:never');
    }
    expect(readdirSync(path.join(cwd, 'output')).some((name) => name.endsWith('_mock-alpha.md'))).toBe(true);
  });

  it('exits 130 with one line when interrupted while reading the prompt', async () => {
    const interrupt = new AbortController();
    const run = await runCliInProcess(['-m', 'mock', '-p', '-'], {
      cwd,
      keepStdinOpen: true,
      input: '# 半截',
      signal: interrupt.signal,
      onReadStdin: () => interrupt.abort(),
    });
    expect(run.code).toBe(130);
    expect(run.stderr.trim()).toBe('wechat-writer: interrupted');
  });
});
