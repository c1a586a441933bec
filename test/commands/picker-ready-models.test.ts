import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askForPrompt, validatePromptAnswer } from '../../src/commands/compare/ask-for-prompt.js';
import { modelChoices, pickModels } from '../../src/commands/compare/pick-models.js';
import { probeLocalServers } from '../../src/commands/compare/probe-local-servers.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { createScriptedPrompter } from '../support/scripted-prompter.js';

let ollama: Server;
let ollamaHost = '';
let closedHost = '';

beforeAll(async () => {
  ollama = createServer((request, response) => {
    response.writeHead(request.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
    response.end('{"object":"list","data":[{"id":"qwen3:8b"}]}');
  });
  await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
  ollamaHost = `127.0.0.1:${(ollama.address() as AddressInfo).port}`;
  // a port that was just free: nothing listens there
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedHost = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => new Promise((resolve) => ollama.close(resolve)));

const none = async () => new Set<string>();
const ollamaRunning = async () => new Set(['ollama']);
const firstEnabled = (choices: { value: unknown; disabled?: boolean | string }[] | undefined) =>
  choices?.find((choice) => !choice.disabled)?.value;

describe('probing Ollama', () => {
  it('counts Ollama as running only when it answers, at OLLAMA_HOST', async () => {
    expect(await probeLocalServers({ OLLAMA_HOST: ollamaHost })).toEqual(new Set(['ollama']));
    expect(await probeLocalServers({ OLLAMA_HOST: closedHost })).toEqual(new Set());
  });

  it('greys Ollama out with what to do when it did not answer', () => {
    const down = modelChoices({}).find((choice) => choice.id === 'ollama:qwen3:8b');
    expect(down?.disabledReason).toBe('start Ollama or set OLLAMA_HOST');
    expect(modelChoices({}, undefined, new Set(['ollama'])).find((choice) => choice.id === 'ollama:qwen3:8b')?.disabledReason).toBeNull();
    runInLanguage('zh-CN', () => expect(modelChoices({}).find((choice) => choice.isLocal)?.disabledReason).toContain('请启动 Ollama'));
  });

  it('`models` shows the probed state, in the table and the JSON', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-models-'));
    const up = await runCliInProcess(['models', '--json'], { cwd, env: { OLLAMA_HOST: ollamaHost } });
    const upOllama = (JSON.parse(up.stdout) as { providers: { id: string; usable: boolean; reachable: boolean | null }[] }).providers.find(
      (provider) => provider.id === 'ollama',
    );
    expect(upOllama).toMatchObject({ usable: true, reachable: true });
    const down = await runCliInProcess(['models', '--json'], { cwd, env: { OLLAMA_HOST: closedHost } });
    const downOllama = (JSON.parse(down.stdout) as { providers: { id: string; usable: boolean; problems: string[] }[] }).providers.find(
      (provider) => provider.id === 'ollama',
    );
    expect(downOllama).toMatchObject({ usable: false, problems: ['start Ollama or set OLLAMA_HOST'] });
    const table = await runCliInProcess(['models'], { cwd, env: { OLLAMA_HOST: closedHost, COLUMNS: '160' } });
    expect(table.stdout).toMatch(/ollama .*✗ start Ollama or set OLLAMA_HOST/);
    const running = await runCliInProcess(['models'], { cwd, env: { OLLAMA_HOST: ollamaHost, COLUMNS: '160' } });
    expect(running.stdout).toMatch(/ollama .*✓ running/);
  });
});

describe('the picker starts on a model that works', () => {
  it('with no key and no Ollama: the mock, in single and multi mode', async () => {
    const single = createScriptedPrompter(['single', 'mock:alpha']);
    await pickModels(single, {}, null, undefined, none);
    expect(single.asked[1]?.default).toBe('mock:alpha');
    const multi = createScriptedPrompter(['multi', ['mock:alpha']]);
    await pickModels(multi, {}, null, undefined, none);
    expect(firstEnabled(multi.asked[1]?.choices)).toBe('mock:alpha');
  });

  it('a model with a key before the mock; a running Ollama before the mock when no key is set', async () => {
    const keyed = createScriptedPrompter(['multi', ['deepseek:deepseek-flash']]);
    await pickModels(keyed, { DEEPSEEK_API_KEY: 'sk-picker' }, null, undefined, ollamaRunning);
    expect(keyed.asked[1]?.choices?.filter((choice) => !choice.disabled).map((choice) => choice.value)).toEqual([
      'deepseek:deepseek-flash',
      'deepseek:deepseek-v4-pro',
      'ollama:qwen3:8b',
      'ollama:llama3.3',
      'mock:alpha',
      'mock:beta',
      'mock:gamma',
    ]);
    const local = createScriptedPrompter(['single', 'ollama:qwen3:8b']);
    await pickModels(local, {}, null, undefined, ollamaRunning);
    expect(local.asked[1]?.default).toBe('ollama:qwen3:8b');
  });

  it('a remembered choice wins when it is ready, not when it is not', async () => {
    const ready = createScriptedPrompter(['single', 'mock:beta']);
    await pickModels(ready, { OPENAI_API_KEY: 'sk-x' }, { mode: 'single', models: ['mock:beta'] }, undefined, none);
    expect(ready.asked[1]?.default).toBe('mock:beta');
    const gone = createScriptedPrompter(['single', 'openai:gpt-5.6-luna']);
    await pickModels(gone, { OPENAI_API_KEY: 'sk-x' }, { mode: 'single', models: ['ollama:qwen3:8b'] }, undefined, none);
    expect(gone.asked[1]?.default).toBe('openai:gpt-5.6-luna');
    const multi = createScriptedPrompter(['multi', ['openai:gpt-5.6-sol']]);
    await pickModels(multi, { OPENAI_API_KEY: 'sk-x' }, { mode: 'multi', models: ['openai:gpt-5.6-sol'] }, undefined, none);
    expect(firstEnabled(multi.asked[1]?.choices)).toBe('openai:gpt-5.6-sol');
  });
});

describe('the topic-or-file question', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-ask-'));
  const home = mkdtempSync(path.join(os.tmpdir(), 'ww-home-'));
  mkdirSync(path.join(cwd, 'My Drafts'));
  writeFileSync(path.join(cwd, 'My Drafts', 'brief.md'), '简报');
  writeFileSync(path.join(home, 'brief.md'), '家里的简报');

  it('takes a topic with a slash as a topic', async () => {
    expect(await askForPrompt(createScriptedPrompter(['AI/大模型如何改变写作']), cwd, home)).toEqual({ topic: 'AI/大模型如何改变写作' });
  });

  it('resolves ~/, quoted drag-and-dropped and backslash-escaped paths to the file', async () => {
    const inDrafts = path.join('My Drafts', 'brief.md');
    expect(await askForPrompt(createScriptedPrompter(['~/brief.md']), cwd, home)).toEqual({ prompt: path.join(home, 'brief.md') });
    expect(await askForPrompt(createScriptedPrompter([`'${path.join(cwd, inDrafts)}' `]), cwd, home)).toEqual({
      prompt: path.join(cwd, inDrafts),
    });
    expect(await askForPrompt(createScriptedPrompter([`"${inDrafts}"`]), cwd, home)).toEqual({ prompt: inDrafts });
    expect(await askForPrompt(createScriptedPrompter(['My\\ Drafts/brief.md']), cwd, home)).toEqual({ prompt: inDrafts });
  });

  it('re-asks on a path that names no file', async () => {
    expect(await validatePromptAnswer("'./missing.md'", cwd, home)).toMatch(/^No such file: '\.\/missing\.md'/);
    expect(await validatePromptAnswer('~/nope.md', cwd, home)).toMatch(/^No such file/);
    expect(await validatePromptAnswer('My Drafts', cwd, home)).toBe(true);
  });
});
