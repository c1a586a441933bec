import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Database from 'libsql';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

// "Nothing finished is lost, and nothing is reported wrongly" (issue 14), in-process. What needs the
// real process (SIGTERM, SIGHUP, kill -9) is in test/e2e/built-cli.e2e.test.ts.

const fakeServer = useFakeLlmServer();
const openaiKey = 'sk-nothing-lost-key-4242';
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-lost-'));
});

const env = () => ({ OPENAI_BASE_URL: fakeServer().openaiBaseURL, OPENAI_API_KEY: openaiKey, WECHAT_WRITER_HOME: path.join(cwd, 'home') });
const historyPath = () => path.join(cwd, 'home', 'history.db');
/** Replaces a directory by a plain file: nothing can be written in it any more (even as root). */
const replaceByFile = (relative: string) => {
  rmSync(path.join(cwd, relative), { recursive: true, force: true });
  writeFileSync(path.join(cwd, relative), 'not a directory');
};
const outputRows = () => {
  const database = new Database(historyPath(), { readonly: true });
  try {
    return database.prepare('SELECT model, status, output_file, text FROM results ORDER BY position').all() as {
      model: string;
      status: string;
      output_file: string | null;
      text: string | null;
    }[];
  } finally {
    database.close();
  }
};
const oneLine = (stderr: string) => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/please report it|\n\s+at /);
  return lines[0] as string;
};

describe('output paths are checked before any call', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'a --report directory named like a file',
      () => (mkdirSync(path.join(cwd, 'r.html')), ['--report', 'r.html']),
      /--report "r\.html" is a directory: name a file in it/,
    ],
    [
      'a --report under a file',
      () => (writeFileSync(path.join(cwd, 'plain'), 'x'), ['--report', 'plain/r.html']),
      /cannot write --report "plain\/r\.html": its directory cannot be created/,
    ],
    [
      'a --report under /proc',
      () => ['--report', '/proc/wechat-writer-x/r.json'],
      /cannot write --report "\/proc\/wechat-writer-x\/r\.json"/,
    ],
    [
      "an output directory under /proc (Node's recursive mkdir spins there)",
      () => ['-o', '/proc/wechat-writer-x'],
      /the output directory "\/proc\/wechat-writer-x" cannot be written \(ENOENT\): pass --out/,
    ],
    [
      'an output directory under a file',
      () => (writeFileSync(path.join(cwd, 'plain'), 'x'), ['-o', 'plain/out']),
      /the output directory ".*plain\/out" is inside a file/,
    ],
    [
      'an output directory that is a file',
      () => (writeFileSync(path.join(cwd, 'plain'), 'x'), ['-o', 'plain']),
      /the output directory ".*plain" exists and is not a directory/,
    ],
  ];
  it.each(cases)('%s: exit 2, one line, no call', async (_name, args, message) => {
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic', ...args()], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(message);
    expect(fakeServer().requests).toHaveLength(0);
  });
});

describe('file names are bounded in bytes, not characters', () => {
  it('saves the draft of a long multi-byte topic and model id under a name of at most 255 bytes, cut on a character boundary', async () => {
    const model = `openai:${'模型'.repeat(40)}`;
    const topic = `${'秋天的第一杯奶茶'.repeat(3)}😀😀😀👩‍👩‍👧‍👦`;
    const run = await runCliInProcess(['-m', model, topic, '--json'], { cwd, env: env() });
    expect(run.stderr).not.toMatch(/warning|could not/);
    expect(run.code).toBe(0);
    const [name] = readdirSync(path.join(cwd, 'output'));
    expect(name).toBeDefined();
    expect(Buffer.byteLength(name as string, 'utf8')).toBeLessThanOrEqual(250);
    expect(name).not.toContain('\uFFFD');
    expect(name).toMatch(/^\d{8}-\d{6}_秋天的第一杯奶茶.*_openai-模型.*\.md$/);
    const report = JSON.parse(run.stdout) as { results: { outputFile: string }[] };
    expect(path.basename(report.results[0]?.outputFile ?? '')).toBe(name);
  });
});

describe('a failure to write after the calls says where the text still is', () => {
  it('a report that cannot be written is one line naming the drafts and the history; the run still exits 0', async () => {
    // the report's directory passes the check before the calls, then stops being one
    fakeServer().replies.set('gpt-x', { chunks: ['# 标题\n\n正文'], gate: async () => replaceByFile('reports') });
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic', '--report', 'reports/r.html'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/please report it|unexpected error/);
    const line = run.stderr.split('\n').find((text) => text.includes('could not write the report'));
    expect(line).toMatch(
      /^wechat-writer: could not write the report reports\/r\.html \(ENOTDIR\); nothing is lost: see the drafts in output, the history \(wechat-writer history show 1 --report reports\/r\.html\)$/,
    );
    expect(readdirSync(path.join(cwd, 'output'))).toHaveLength(1);
  });

  it.runIf(existsSync('/dev/full'))(
    'a full disk under the report (a link to /dev/full): one line, exit 0, never "please report it"',
    async () => {
      symlinkSync('/dev/full', path.join(cwd, 'full.json'));
      const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic', '--report', 'full.json', '--json'], { cwd, env: env() });
      expect(run.code).toBe(0);
      expect(run.stderr).not.toMatch(/please report it|unexpected error/);
      expect(run.stderr).toMatch(
        /^wechat-writer: could not write the report full\.json \(ENOSPC\); nothing is lost: see the drafts in output, the history \(wechat-writer history show 1 --report full\.json\), the JSON on stdout$/m,
      );
      expect(JSON.parse(run.stdout)).toMatchObject({ results: [{ status: 'ok' }] });
    },
  );

  it('exits 1 when a report fails and the results are nowhere else', async () => {
    fakeServer().replies.set('gpt-x', { chunks: ['正文'], gate: async () => (replaceByFile('reports'), replaceByFile('output')) });
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic', '--report', 'reports/r.md', '--no-history'], { cwd, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not save the output of openai:gpt-x .*; its text is printed below\n/);
    expect(run.stderr).toMatch(/could not write the report reports\/r\.md \(ENOTDIR\); rerun with --json to keep the results\n/);
    expect(run.stdout).toContain('正文');
    expect(run.stderr).not.toMatch(/please report it/);
  });

  it('a draft that cannot be saved is in the history (row recorded, no file named), and the run exits 0', async () => {
    fakeServer().replies.set('gpt-x', { chunks: ['草稿正文'], gate: async () => replaceByFile('output') });
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: could not save the output of openai:gpt-x in .*output \(.*\); its text is in the history \(wechat-writer history show 1\)\n/,
    );
    expect(run.stdout).not.toContain('━━ openai:gpt-x');
    expect(outputRows()).toEqual([expect.objectContaining({ model: 'openai:gpt-x', status: 'ok', output_file: null, text: '草稿正文' })]);
  });

  it('with --json, a draft that cannot be saved says it is in the JSON on stdout', async () => {
    fakeServer().replies.set('gpt-x', { chunks: ['草稿正文'], gate: async () => replaceByFile('output') });
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic', '--json', '--no-history'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/; its text is in the JSON on stdout\n/);
    expect((JSON.parse(run.stdout) as { results: { text: string }[] }).results[0]?.text).toBe('草稿正文');
  });

  it('every saved draft names a history row, written no later than the file', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-x,openai:gpt-y', 'topic', '--json'], { cwd, env: env() });
    expect(run.code).toBe(0);
    const files = readdirSync(path.join(cwd, 'output')).map((name) => path.join(cwd, 'output', name));
    expect(files).toHaveLength(2);
    expect(
      outputRows()
        .map((row) => row.output_file)
        .sort(),
    ).toEqual(files.sort());
    for (const file of files) expect(readFileSync(file, 'utf8')).toContain('model: openai:gpt-');
  });
});

describe('a locked or corrupt history degrades once, in one line', () => {
  it('a database locked by another process: one warning, every draft saved, the run exits 0', async () => {
    mkdirSync(path.join(cwd, 'home'));
    const holder = new Database(historyPath());
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE held (x)');
    let locked = false;
    // the lock is taken after the run was recorded, while the first call is in flight
    const lockOnce = async () => {
      if (!locked) holder.exec('BEGIN EXCLUSIVE; INSERT INTO held VALUES (1)');
      locked = true;
    };
    // Six results: were each write to wait out a 5 s lock as it once did, the run would outlast the
    // test's timeout; it waits (50 ms) once and records nothing more.
    const models = ['gpt-a', 'gpt-b', 'gpt-c', 'gpt-d', 'gpt-e', 'gpt-f'];
    for (const model of models) fakeServer().replies.set(model, { chunks: ['text'], gate: lockOnce });
    try {
      const run = await runCliInProcess(['-m', models.map((model) => `openai:${model}`).join(','), 'topic'], { cwd, env: env() });
      expect(run.code).toBe(0);
      const warnings = run.stderr.split('\n').filter((line) => line.includes('history is off'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warning: run history is off for this run \(database is locked\); pass --no-history to silence this$/);
      expect(readdirSync(path.join(cwd, 'output'))).toHaveLength(6);
    } finally {
      holder.close();
    }
  });

  it('a corrupt database: the run warns once and goes on; `history` says so in one line with the fix', async () => {
    mkdirSync(path.join(cwd, 'home'));
    writeFileSync(historyPath(), 'this is not a database at all, just garbage bytes '.repeat(200));
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic'], { cwd, env: env() });
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('history is off'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('is damaged (file is not a database): move it away');

    const history = await runCliInProcess(['history'], { cwd, env: env() });
    expect(history.code).toBe(2);
    expect(oneLine(history.stderr)).toBe(
      `wechat-writer: the history database ${historyPath()} is damaged (file is not a database): move it away (mv "${historyPath()}" "${historyPath()}.broken") and a new one is started`,
    );
  });
});

describe('a file-system failure anywhere else is one line, never "please report it"', () => {
  it('maps a full disk to what happened, where, and what to do', () => {
    let stderr = '';
    const error = Object.assign(new Error("ENOSPC: no space left on device, write '/data/r.html'"), {
      code: 'ENOSPC',
      path: '/data/r.html',
    });
    const code = handleError(error, { stderr: { write: (text: string) => ((stderr += text), true) }, env: {} });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'wechat-writer: could not write /data/r.html (ENOSPC: the disk is full): free some space or choose another path; finished results are in the history (wechat-writer history)\n',
    );
  });

  it('`history show --report` onto a directory says so in one line', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-x', 'topic'], { cwd, env: env() });
    expect(run.code).toBe(0);
    mkdirSync(path.join(cwd, 'r.html'));
    const show = await runCliInProcess(['history', 'show', '1', '--report', 'r.html'], { cwd, env: env() });
    expect(show.code).not.toBe(0);
    expect(oneLine(show.stderr)).toMatch(/^wechat-writer: --report "r\.html" is a directory: name a file in it/);
    expect(show.code).toBe(2);
  });
});
