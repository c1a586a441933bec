import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupSaver } from '../../src/commands/compare/save-group.js';
import type { SaveEntry } from '../../src/commands/compare/background-saver.js';
import { openHistoryStore, type HistoryStore } from '../../src/store/history-store.js';
import { toResultRow } from '../../src/store/result-row.js';
import { okResult } from '../support/model-result-fixture.js';

const createdAt = '2026-12-02T08:00:00.000Z';

async function setUp() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ww-save-group-'));
  const out = path.join(home, 'out');
  const store = await openHistoryStore(home);
  const runId = store.startRun({
    startedAt: createdAt,
    kind: 'compare',
    parentRunId: null,
    prompt: '冬季新品',
    promptSource: 'topic',
    topic: '冬季新品',
    systemPrompt: null,
    options: {},
    toolVersion: '1.0.0',
  });
  const entry = (position: number, file: string | null, text = `稿件 ${position}`): SaveEntry => {
    const result = okResult(`mock:m${position}`, text, { outputFile: file });
    return { row: toResultRow(runId, position, result, null, createdAt), search: text, file, text };
  };
  return { home, out, store, runId, entry };
}

const outputFiles = (store: HistoryStore, runId: number) => store.getRun(runId)?.results.map((result) => result.outputFile) ?? [];

describe('the save thread’s group saver', () => {
  it('records the rows, writes each file, and a name already taken goes to name-2 with its row saying so', async () => {
    const { home, out, store, runId, entry } = await setUp();
    writeFileSync(path.join(home, 'taken.md'), 'another run’s draft');
    const saver = createGroupSaver(() => openHistoryStore(home), false);
    const reply = await saver.save({
      id: 7,
      entries: [entry(0, path.join(home, 'a.md')), entry(1, path.join(home, 'taken.md')), entry(2, null)],
    });
    expect(reply).toEqual({
      id: 7,
      files: [
        { outputFile: path.join(home, 'a.md'), error: null },
        { outputFile: path.join(home, 'taken-2.md'), error: null },
        { outputFile: null, error: null },
      ],
      historyError: null,
    });
    expect(readFileSync(path.join(home, 'taken.md'), 'utf8')).toBe('another run’s draft');
    expect(readFileSync(path.join(home, 'taken-2.md'), 'utf8')).toBe('稿件 1');
    expect(outputFiles(store, runId)).toEqual([path.join(home, 'a.md'), path.join(home, 'taken-2.md'), null]);
    expect(store.listRuns({ search: '稿件', limit: 5 }).map((run) => run.id)).toEqual([runId]);
    expect(existsSync(out)).toBe(false);
    saver.close();
    store.close();
  });

  it('a file that cannot be written leaves its row without a file and says why', async () => {
    const { home, store, runId, entry } = await setUp();
    const saver = createGroupSaver(() => openHistoryStore(home), false);
    const reply = await saver.save({ id: 1, entries: [entry(0, path.join(home, 'missing-directory', 'a.md'))] });
    expect(reply.files[0]?.outputFile).toBeNull();
    expect(reply.files[0]?.error).toMatch(/ENOENT/);
    expect(reply.historyError).toBeNull();
    expect(outputFiles(store, runId)).toEqual([null]);
    saver.close();
    store.close();
  });

  it('a history that fails is said once; the files are still written and later groups leave the history alone', async () => {
    const { home, store, entry } = await setUp();
    const broken = await openHistoryStore(home);
    broken.close();
    const saver = createGroupSaver(async () => broken, false);
    const first = await saver.save({ id: 1, entries: [entry(0, path.join(home, 'a.md'))] });
    expect(first.historyError).toMatch(/\S/);
    expect(first.files).toEqual([{ outputFile: path.join(home, 'a.md'), error: null }]);
    const second = await saver.save({ id: 2, entries: [entry(1, path.join(home, 'b.md'))] });
    expect(second).toEqual({ id: 2, files: [{ outputFile: path.join(home, 'b.md'), error: null }], historyError: null });
    expect(readFileSync(path.join(home, 'b.md'), 'utf8')).toBe('稿件 1');
    store.close();
  });

  it('resume replaces the row at each position (a failure it retried)', async () => {
    const { home, store, runId, entry } = await setUp();
    store.recordResult(runId, 0, okResult('mock:m0', null, { status: 'error' }));
    const saver = createGroupSaver(() => openHistoryStore(home), true);
    await saver.save({ id: 1, entries: [entry(0, path.join(home, 'a.md'))] });
    expect(store.getRun(runId)?.results.map((result) => [result.status, result.outputFile])).toEqual([['ok', path.join(home, 'a.md')]]);
    saver.close();
    store.close();
  });
});
