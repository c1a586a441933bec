import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveVoter } from '../../src/commands/vote/run-vote.js';
import { cleanVoterName } from '../../src/commands/vote/voter-name.js';
import { terminalSafe } from '../../src/format/terminal-safe.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { displayWidth } from '../../src/ui/display-width.js';
import { layoutDuel } from '../../src/ui/duel-view.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

async function twoDraftRun(): Promise<{ cwd: string; home: string }> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-hardening-vote-'));
  const home = path.join(cwd, 'home');
  mkdirSync(path.join(cwd, 'out'), { recursive: true });
  const store = await openHistoryStore(home);
  const runId = store.startRun({
    startedAt: '2026-12-02T06:00:00.000Z',
    kind: 'compare',
    parentRunId: null,
    prompt: 't',
    promptSource: 'topic',
    topic: 't',
    systemPrompt: null,
    options: {},
    toolVersion: 'test',
  });
  for (const [index, model] of ['mock:alpha', 'mock:beta'].entries()) {
    const file = path.join('out', `d_${index}.md`);
    writeFileSync(path.join(cwd, file), `# ${model}\n\nbody\n`);
    store.recordResult(runId, index, okResult(model, `# ${model}\n\nbody\n`, { outputFile: file }));
  }
  store.close();
  return { cwd, home };
}

describe('vote and pick with hostile text', () => {
  it('the duel view drops bidi controls and escapes: every line keeps its columns', () => {
    const hostileA = terminalSafe('第一行 \u202eevil reversed\u202c text \x1b[2J\x1b]0;t\x07 and \u2066isolate\u2069\nline two');
    const layout = layoutDuel({ labelA: '稿件 A', labelB: '稿件 B', textA: hostileA, textB: 'plain \u200f text' }, 120);
    expect(layout.mode).toBe('columns');
    for (const line of [...layout.heading, ...layout.body]) {
      expect(line).not.toMatch(unsafe);
      expect(displayWidth(line)).toBeLessThanOrEqual(120);
    }
    expect(layout.body.join('\n')).toContain('evil reversed text');
  });

  it('a voter name with newlines, escapes or bidi controls is one clean line; one that is only controls is refused', () => {
    expect(cleanVoterName('ann\nsecond line\x1b[31m red\x1b]0;title\x07 \u202eX')).toBe('ann second line red X');
    expect(cleanVoterName('长'.repeat(100))).toHaveLength(64);
    expect(resolveVoter('  bo\tb  ', {})).toBe('bo b');
    expect(() => resolveVoter('\x1b[31m\n\u202e', {})).toThrow('--voter');
  });

  it('pick --voter with a newline and escapes records and prints a clean name; a model spec with shell characters is just not found', async () => {
    const where = await twoDraftRun();
    const cli = (args: string[]) => runCliInProcess(args, { cwd: where.cwd, env: { WECHAT_WRITER_HOME: where.home } });
    const picked = await cli(['pick', '1', 'mock:alpha', '--voter', 'ann\nevil\x1b[2J']);
    expect(picked.code).toBe(0);
    expect(picked.stdout).toContain('ann evil');
    expect(picked.stdout).not.toMatch(unsafe);
    const shown = JSON.parse((await cli(['history', 'show', '1', '--json'])).stdout) as { picks: { voter: string }[] };
    expect(shown.picks.map((pick) => pick.voter)).toEqual(['ann evil']);
    expect((await cli(['pick', '1', 'mock:alpha', '--voter', '\n\x1b[31m'])).code).toBe(2);

    const shell = await cli(['pick', '1', 'mock:$(touch pwned);rm -rf ~ `id`']);
    expect(shell.code).toBe(2);
    expect(shell.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    for (const bad of ['abc', '-5', '99999999999999999999', '1.5']) {
      const result = await cli(['pick', '--', bad, 'mock:alpha']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no run .* in the history .*: list runs with wechat-writer history/);
    }
  });
});
