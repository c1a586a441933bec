import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { installFakeClaude, readFakeRecord } from '../fixtures/claude-code/install-fake-claude.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
let fake: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-claude-code-doctor-'));
  mkdirSync(path.join(cwd, 'bin'));
  fake = installFakeClaude(path.join(cwd, 'bin'));
});

const record = () => path.join(cwd, 'record.json');
const cli = (args: string[]) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), FAKE_CLAUDE_RECORD: record() } });

describe('doctor and models with a claude-code provider', () => {
  it('doctor runs `claude --version` (no call, no subscription spent) and names the install command when it is missing', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      `providers:\n  cc:\n    type: claude-code\n    command: ${JSON.stringify(fake)}\n    models: [sonnet, opus]\n  gone:\n    type: claude-code\n    command: /nowhere/claude\n`,
    );
    const doctor = await cli(['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/cc\s+│ — \(none needed\) │ ✓ ok/);
    expect(doctor.stdout).not.toContain('1-token call');
    // doctor ran `claude --version`, no model call: the label says so
    expect(doctor.stdout.replace(/[│\s]+/g, ' ')).toContain('ok (the command runs)');
    expect(doctor.stdout).toMatch(/gone\s+│ — \(none needed\) │ ✗ incomplete setup/);
    expect(doctor.stdout.replace(/\s+/g, ' ')).toContain('install Claude Code with `npm install -g @anthropic-ai/claude-code`');
    expect(readFakeRecord(record())!.args).toEqual(['--version']);

    const models = await cli(['models']);
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(/cc\s+│ cc:sonnet\s+│ ✓ no key needed/);
  });
});
