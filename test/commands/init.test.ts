import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InitPrompter, PromptChoice } from '../../src/cli/prompter.js';
import { runInit } from '../../src/commands/init/run-init.js';
import { loadSettings } from '../../src/config/load-settings.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { createMemoryIO } from '../support/memory-io.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

interface Asked {
  kind: string;
  message: string;
  choices?: PromptChoice<unknown>[];
}

/** init's questions answered from a script; records what was asked (never an answer). */
function scriptedInit(answers: unknown[]): InitPrompter & { asked: Asked[] } {
  const asked: Asked[] = [];
  const next = async () => answers.shift() as never;
  return {
    asked,
    select: async (config) => (asked.push({ kind: 'select', message: config.message }), next()),
    checkbox: async (config) => (asked.push({ kind: 'checkbox', message: config.message, choices: config.choices }), next()),
    input: async (config) => (asked.push({ kind: 'input', message: config.message }), next()),
    password: async (config) => {
      asked.push({ kind: 'password', message: config.message });
      const answer = String(answers.shift());
      const verdict = config.validate?.(answer) ?? true;
      if (verdict !== true) throw new Error(`rejected: ${verdict}`);
      return answer;
    },
    confirm: async (config) => (asked.push({ kind: 'confirm', message: config.message }), next()),
  };
}

const openaiKey = 'sk-init-openai-0123456789';
const deepseekKey = 'sk-init-deepseek-abcdef';

describe('wechat-writer init', () => {
  it('asks the providers, each key hidden, writes .env (mode 600, other lines kept) and a starter config, naming only the variables', async () => {
    const io = createMemoryIO({ interactive: true, env: { OPENAI_API_KEY: 'sk-old' } });
    writeFileSync(path.join(io.cwd, '.env'), '# my settings\nOPENAI_API_KEY=sk-old\nOUTPUT_DIR=drafts\n');
    const prompter = scriptedInit([['openai', 'deepseek'], openaiKey, ` ${deepseekKey} `, true]);
    expect(await runInit(io, async () => prompter)).toBe(0);

    expect(prompter.asked.map((question) => question.kind)).toEqual(['checkbox', 'password', 'password', 'confirm']);
    const offered = prompter.asked[0]?.choices ?? [];
    expect(offered.map((choice) => choice.value)).toContain('deepseek');
    expect(offered.map((choice) => choice.value)).not.toContain('mock');
    expect(offered.find((choice) => choice.value === 'openai')?.checked).toBe(true);
    expect(prompter.asked[1]?.message).toContain('OPENAI_API_KEY');
    expect(prompter.asked[1]?.message).toContain('Enter keeps');

    const envFile = path.join(io.cwd, '.env');
    expect(readFileSync(envFile, 'utf8')).toBe(
      `# my settings\nOPENAI_API_KEY=${openaiKey}\nOUTPUT_DIR=drafts\nDEEPSEEK_API_KEY=${deepseekKey}\n`,
    );
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const said = io.out() + io.err();
    expect(said).toContain('OPENAI_API_KEY, DEEPSEEK_API_KEY');
    expect(said).not.toContain(openaiKey);
    expect(said).not.toContain(deepseekKey);

    const settings = await loadSettings(path.join(io.cwd, 'wechat-writer.config.yaml'), io);
    expect(settings.roles.writer?.models).toEqual(['openai:gpt-5.6-luna', 'deepseek:deepseek-flash']);
    expect(settings.roles.reviewer?.models).toEqual(['deepseek:deepseek-flash']);
    expect(readFileSync(path.join(io.cwd, 'wechat-writer.config.yaml'), 'utf8')).not.toContain(openaiKey);
  });

  it('skips an empty key, keeps an existing config, and asks in Chinese in a zh-CN run', async () => {
    const io = createMemoryIO({ interactive: true });
    writeFileSync(path.join(io.cwd, 'wechat-writer.config.yaml'), 'roles: {}\n');
    const prompter = scriptedInit([['kimi'], '']);
    expect(await runInLanguage('zh-CN', () => runInit(io, async () => prompter))).toBe(0);
    expect(prompter.asked.map((question) => question.kind)).toEqual(['checkbox', 'password']);
    expect(prompter.asked[0]?.message).toContain('服务商');
    expect(io.err()).toContain('.env 未改动');
    expect(io.err()).toContain('已存在');
    expect(readFileSync(path.join(io.cwd, 'wechat-writer.config.yaml'), 'utf8')).toBe('roles: {}\n');
  });

  it('refuses a pasted key with spaces inside', async () => {
    const io = createMemoryIO({ interactive: true });
    await expect(runInit(io, async () => scriptedInit([['openai'], 'sk-a b']))).rejects.toThrow(/rejected: An API key has no spaces/);
  });

  it('without a terminal says how to run it, exit 2', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-init-'));
    const run = await runCliInProcess(['init'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run it in a terminal');
    const chinese = await runCliInProcess(['init', '--lang', 'zh-CN'], { cwd });
    expect(chinese.stderr).toContain('请在终端里运行');
  });
});
