import { InterruptedError } from '../errors/interrupted-error.js';
import type { Prompter } from './prompter.js';

const interrupted = (error: unknown): never => {
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError();
  throw error;
};

/** The real prompts (@inquirer/prompts), drawn on `output` (stderr, so stdout stays clean for --json). */
export async function createInquirerPrompter(output: NodeJS.WritableStream): Promise<Prompter> {
  const { checkbox, input, select } = await import('@inquirer/prompts');
  const context = { output, clearPromptOnDone: false };
  return {
    select: (config) => select(config, context).catch(interrupted),
    checkbox: (config) => checkbox(config, context).catch(interrupted),
    input: (config) => input(config, context).catch(interrupted),
  };
}
