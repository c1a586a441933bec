import { checkbox, password } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { localTheme } from '../../src/cli/inquirer-prompter.js';
import { runInLanguage } from '../../src/i18n/language.js';

const choices = [
  { name: 'mock:alpha', value: 'mock:alpha' },
  { name: 'ollama:qwen3:8b', value: 'ollama:qwen3:8b', disabled: '请启动 Ollama，或设置 OLLAMA_HOST' },
];

describe('the prompts’ own words', () => {
  it('are Chinese in a zh-CN run: the key help line', async () => {
    const screen = await runInLanguage('zh-CN', async () => {
      const rendered = await render(checkbox, { message: '用哪些模型？', choices, ...localTheme() });
      const text = rendered.getScreen();
      rendered.events.keypress('enter');
      return text;
    });
    expect(screen).toContain('选择');
    expect(screen).toContain('确定');
    expect(screen).toContain('请启动 Ollama，或设置 OLLAMA_HOST');
    expect(screen).not.toMatch(/\bsubmit\b/);
  });

  it('are inquirer’s own in English', () => {
    expect(localTheme()).toEqual({});
  });

  it('init’s key question shows nothing of what is typed', async () => {
    const rendered = await render(password, { message: 'API key for openai (OPENAI_API_KEY):', mask: false });
    rendered.events.type('sk-typed-secret-42');
    const screen = rendered.getScreen();
    rendered.events.keypress('enter');
    expect(await rendered.answer).toBe('sk-typed-secret-42');
    expect(screen).not.toContain('sk-typed');
    expect(screen).not.toContain('*');
  });
});
