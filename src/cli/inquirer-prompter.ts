import { styleText } from 'node:util';
import { InterruptedError } from '../errors/interrupted-error.js';
import type { MessageKey } from '../i18n/catalog/index.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';
import type { InitPrompter, Prompter } from './prompter.js';

const interrupted = (error: unknown): never => {
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError();
  throw error;
};

const keyActions: Record<string, MessageKey> = {
  navigate: 'cli.prompt.navigate',
  select: 'cli.prompt.select',
  all: 'cli.prompt.all',
  invert: 'cli.prompt.invert',
  submit: 'cli.prompt.submit',
};

/** The prompts' own words (the key help line, the disabled-choice error) in the run's language; nothing in English (their own words). */
export function localTheme() {
  if (currentLanguage() === 'en') return {};
  return {
    theme: {
      style: {
        keysHelpTip: (keys: [key: string, action: string][]) =>
          keys
            .map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', keyActions[action] ? t(keyActions[action]) : action)}`)
            .join(styleText('dim', ' • ')),
      },
      i18n: { disabledError: t('cli.prompt.disabled') },
    },
  };
}

/** The real prompts (@inquirer/prompts), drawn on `output` (stderr, so stdout stays clean for --json). */
export async function createInquirerPrompter(output: NodeJS.WritableStream): Promise<Prompter> {
  return createInquirerInitPrompter(output);
}

/** The real prompts with `init`'s hidden key question (no mask: nothing of the key is shown) and yes/no. */
export async function createInquirerInitPrompter(output: NodeJS.WritableStream): Promise<InitPrompter> {
  const { checkbox, confirm, input, password, select } = await import('@inquirer/prompts');
  const context = { output, clearPromptOnDone: false };
  return {
    select: (config) => select({ ...config, ...localTheme() }, context).catch(interrupted),
    checkbox: (config) => checkbox({ ...config, ...localTheme() }, context).catch(interrupted),
    input: (config) => input(config, context).catch(interrupted),
    password: (config) => password({ ...config, mask: false, ...localTheme() }, context).catch(interrupted),
    confirm: (config) => confirm(config, context).catch(interrupted),
  };
}
