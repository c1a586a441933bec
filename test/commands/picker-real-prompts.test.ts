import { checkbox, input, select } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import type { Prompter } from '../../src/cli/prompter.js';
import { askForPrompt } from '../../src/commands/compare/ask-for-prompt.js';
import { modelChoices, pickModels } from '../../src/commands/compare/pick-models.js';

type Step = (
  events: Awaited<ReturnType<typeof render>>['events'],
  getScreen: () => string,
  /** Resolves once the prompt has drawn what the keys so far (and an input's validation of them) lead to. */
  settled: () => Promise<void>,
) => Promise<void> | void;

/** A Prompter that draws the real @inquirer/prompts on a virtual terminal and types the scripted keys. */
function realPromptsDrivenBy(steps: Step[], screens: string[]): Prompter {
  let validation: Promise<unknown> = Promise.resolve();
  const drive = async <Value>(rendered: Awaited<ReturnType<typeof render>>): Promise<Value> => {
    const step = steps.shift();
    if (!step) throw new Error('no keys scripted for this prompt');
    screens.push(rendered.getScreen());
    const settled = async () => {
      await validation;
      await rendered.nextRender();
    };
    await step(rendered.events, () => rendered.getScreen(), settled);
    return (await rendered.answer) as Value;
  };
  return {
    select: async (config) => drive(await render(select, config)),
    checkbox: async (config) => drive(await render(checkbox, config)),
    input: async (config) => {
      const validate = config.validate;
      const watched = validate && {
        ...config,
        validate: (value: string) => {
          const result = Promise.resolve(validate(value));
          validation = result;
          return result;
        },
      };
      return drive(await render(input, watched || config));
    },
  };
}

const env = { OPENAI_API_KEY: 'sk-real-prompt-key' };
const enabledCount = modelChoices(env).filter((choice) => choice.disabledReason === null).length;

describe('the picker on the real prompts', () => {
  it('multi mode: disabled models show their reason, space selects, enter runs', async () => {
    const screens: string[] = [];
    const prompter = realPromptsDrivenBy(
      [
        (events) => events.keypress('enter'),
        (events) => {
          events.keypress('space');
          events.keypress('down');
          events.keypress('space');
          events.keypress('enter');
        },
      ],
      screens,
    );
    const selection = await pickModels(prompter, env, null);
    expect(screens[0]).toContain('Compare how many models?');
    expect(screens[0]).toContain('multi');
    expect(screens[1]).toContain('anthropic:claude-sonnet-5');
    expect(screens[1]).toContain('set ANTHROPIC_API_KEY');
    expect(selection).toEqual({ mode: 'multi', models: ['openai:gpt-5.6-luna', 'openai:gpt-5.6-terra'] });
  });

  it('single mode refuses a disabled model and takes an enabled one', async () => {
    let refusal = '';
    const prompter = realPromptsDrivenBy(
      [
        (events) => events.keypress('enter'),
        async (events, getScreen, settled) => {
          for (let index = 0; index < enabledCount; index += 1) events.keypress('down');
          events.keypress('enter');
          await settled();
          refusal = getScreen();
          events.keypress('up');
          events.keypress('enter');
        },
      ],
      [],
    );
    const selection = await pickModels(prompter, env, { mode: 'single', models: [] });
    expect(refusal).toContain('anthropic:claude-sonnet-5 set ANTHROPIC_API_KEY');
    expect(refusal).toContain('disabled and cannot be selected');
    expect(selection).toEqual({ mode: 'single', models: ['mock:gamma'] });
  });

  it('re-asks for the prompt on a bad path instead of exiting', async () => {
    let errorScreen = '';
    const prompter = realPromptsDrivenBy(
      [
        async (events, getScreen, settled) => {
          events.type('missing/brief.md');
          events.keypress('enter');
          await settled();
          errorScreen = getScreen();
          for (let index = 0; index < 'missing/brief.md'.length; index += 1) events.keypress('backspace');
          events.type('周末咖啡');
          events.keypress('enter');
        },
      ],
      [],
    );
    expect(await askForPrompt(prompter, process.cwd())).toEqual({ topic: '周末咖啡' });
    expect(errorScreen).toContain('No such file: missing/brief.md');
  });
});
