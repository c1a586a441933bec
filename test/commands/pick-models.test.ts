import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askForPrompt } from '../../src/commands/compare/ask-for-prompt.js';
import { completeOptions } from '../../src/commands/compare/complete-options.js';
import { allModels, modelChoices, pickModels } from '../../src/commands/compare/pick-models.js';
import { resolveHomeDirectory } from '../../src/config/home-directory.js';
import { loadLastSelection, saveLastSelection } from '../../src/store/picker-memory.js';
import { createMemoryIO } from '../support/memory-io.js';
import { createScriptedPrompter } from '../support/scripted-prompter.js';

const env = { OPENAI_API_KEY: 'sk-picker-key-1', MINIMAX_API_KEY: 'mm' };

describe('model picker', () => {
  it('offers every known model, disabling those without a key with the variable to set', () => {
    const choices = modelChoices(env);
    expect(choices.find((choice) => choice.id === 'openai:gpt-5.6-luna')).toMatchObject({ disabledReason: null, isDefault: true });
    expect(choices.find((choice) => choice.id === 'anthropic:claude-sonnet-5')).toMatchObject({ disabledReason: 'set ANTHROPIC_API_KEY' });
    expect(choices.find((choice) => choice.id === 'mock:beta')).toMatchObject({ disabledReason: null, isMock: true });
    expect(allModels(choices)).toEqual(['openai:gpt-5.6-luna', 'minimax:MiniMax-M2.7']);
    expect(allModels(modelChoices({}))).toEqual(['mock:alpha', 'mock:beta', 'mock:gamma']);
  });

  it('single mode asks for one model, the previous one as default', async () => {
    const prompter = createScriptedPrompter(['single', 'minimax:MiniMax-M3']);
    const selection = await pickModels(prompter, env, { mode: 'single', models: ['openai:gpt-5.6-terra'] });
    expect(selection).toEqual({ mode: 'single', models: ['minimax:MiniMax-M3'] });
    expect(prompter.asked[0]).toMatchObject({ kind: 'select', default: 'single' });
    expect(prompter.asked[1]).toMatchObject({ kind: 'select', default: 'openai:gpt-5.6-terra' });
    const claude = prompter.asked[1]?.choices?.find((choice) => choice.value === 'anthropic:claude-sonnet-5');
    expect(claude?.disabled).toBe('set ANTHROPIC_API_KEY');
  });

  it('multi mode pre-checks the previous selection', async () => {
    const prompter = createScriptedPrompter(['multi', ['mock:alpha', 'openai:gpt-5.6-luna']]);
    const selection = await pickModels(prompter, env, { mode: 'multi', models: ['mock:alpha', 'anthropic:claude-sonnet-5'] });
    expect(selection.models).toEqual(['mock:alpha', 'openai:gpt-5.6-luna']);
    const checked = prompter.asked[1]?.choices?.filter((choice) => choice.checked).map((choice) => choice.value);
    expect(checked).toEqual(['mock:alpha']);
  });

  it('all mode asks nothing more', async () => {
    const prompter = createScriptedPrompter(['all']);
    expect(await pickModels(prompter, env, null)).toEqual({ mode: 'all', models: ['openai:gpt-5.6-luna', 'minimax:MiniMax-M2.7'] });
    expect(prompter.asked).toHaveLength(1);
  });
});

describe('asking for the prompt', () => {
  it('takes a topic, or a brief path, re-asking on a path that does not exist', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-ask-'));
    writeFileSync(path.join(cwd, 'brief.md'), '简报');
    expect(await askForPrompt(createScriptedPrompter(['  秋天的咖啡  ']), cwd)).toEqual({ topic: '秋天的咖啡' });
    const prompter = createScriptedPrompter(['', 'nope.md', 'brief.md']);
    expect(await askForPrompt(prompter, cwd)).toEqual({ prompt: 'brief.md' });
    expect(prompter.asked.map((question) => question.message)).toEqual([
      'Topic, or path to a brief file:',
      're-asked: Type a topic, or the path of a brief file',
      're-asked: No such file: nope.md (type a topic, or the path of an existing .md/.txt file)',
    ]);
  });
});

describe('completeOptions', () => {
  it('asks nothing without a terminal', async () => {
    const io = createMemoryIO();
    const options = { stream: true };
    expect(await completeOptions(options, io, () => Promise.reject(new Error('must not ask')))).toBe(options);
  });

  it('asks for models and prompt on a terminal and remembers the selection under WECHAT_WRITER_HOME', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ww-home-'));
    const io = createMemoryIO({ interactive: true, env: { WECHAT_WRITER_HOME: home } });
    const prompter = createScriptedPrompter(['multi', ['mock:alpha', 'mock:beta'], '周末']);
    const completed = await completeOptions({ stream: true }, io, async () => prompter);
    expect(completed).toMatchObject({ models: 'mock:alpha,mock:beta', topic: '周末' });
    expect(await loadLastSelection(home)).toEqual({ mode: 'multi', models: ['mock:alpha', 'mock:beta'] });
  });

  it('asks only for what is missing', async () => {
    const io = createMemoryIO({ interactive: true, env: { WECHAT_WRITER_MODELS: 'mock' } });
    const prompter = createScriptedPrompter(['话题']);
    expect(await completeOptions({ stream: true }, io, async () => prompter)).toMatchObject({ topic: '话题' });
    expect(prompter.asked.map((question) => question.kind)).toEqual(['input']);
  });
});

describe('home directory and picker memory', () => {
  it('uses WECHAT_WRITER_HOME, else the platform data directory', () => {
    expect(resolveHomeDirectory({ WECHAT_WRITER_HOME: '/data/ww' }, 'linux', '/home/u')).toBe('/data/ww');
    expect(resolveHomeDirectory({}, 'linux', '/home/u')).toBe('/home/u/.local/share/wechat-writer');
    expect(resolveHomeDirectory({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/wechat-writer');
    expect(resolveHomeDirectory({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/wechat-writer');
  });

  it('survives a missing or broken memory file', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ww-memory-'));
    expect(await loadLastSelection(home)).toBeNull();
    writeFileSync(path.join(home, 'last-selection.json'), '{oops');
    expect(await loadLastSelection(home)).toBeNull();
    expect(await saveLastSelection(home, { mode: 'all', models: ['mock:alpha'] })).toBe(true);
    expect(await loadLastSelection(home)).toEqual({ mode: 'all', models: ['mock:alpha'] });
  });
});
