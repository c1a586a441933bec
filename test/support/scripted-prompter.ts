import type { PromptChoice, Prompter } from '../../src/cli/prompter.js';

/** One question as the flow asked it. */
export interface AskedQuestion {
  kind: 'select' | 'checkbox' | 'input';
  message: string;
  choices?: PromptChoice<unknown>[];
  default?: unknown;
}

/** A Prompter that answers from a script and records what was asked: flows tested without a terminal. */
export function createScriptedPrompter(answers: unknown[]): Prompter & { asked: AskedQuestion[] } {
  const asked: AskedQuestion[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error('the flow asked more questions than the script answers');
    return answers.shift();
  };
  return {
    asked,
    select: async (config) => {
      asked.push({ kind: 'select', message: config.message, choices: config.choices, default: config.default });
      return next() as never;
    },
    checkbox: async (config) => {
      asked.push({ kind: 'checkbox', message: config.message, choices: config.choices });
      return next() as never;
    },
    input: async (config) => {
      asked.push({ kind: 'input', message: config.message });
      for (;;) {
        const answer = String(next());
        const verdict = config.validate ? await config.validate(answer) : true;
        if (verdict === true) return answer;
        asked.push({ kind: 'input', message: `re-asked: ${String(verdict)}` });
      }
    },
  };
}
