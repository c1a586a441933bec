import type { GenerateRequest } from '../../language-model.js';
import type { CommandTemplate } from '../../provider-preset.js';

/** The arguments and stdin of one call: never a shell, so no character of the prompt is interpreted. */
export interface CommandInvocation {
  args: string[];
  stdin: string;
}

const placeholder = /\{(model|system|prompt)\}/g;
const mentions = (args: readonly string[], name: string) => args.some((arg) => arg.includes(`{${name}}`));

/**
 * Fills `{model}`, `{system}` and `{prompt}` inside each argument (one pass: a value that itself
 * contains `{prompt}` is left as it is). Without `{prompt}` in the arguments the prompt goes to stdin;
 * without `{system}`, a system prompt goes before the prompt, a blank line between them.
 */
export function commandInvocation(template: CommandTemplate, request: GenerateRequest): CommandInvocation {
  const args = template.args ?? [];
  const system = request.system ?? '';
  const prompt = system !== '' && !mentions(args, 'system') ? `${system}\n\n${request.prompt}` : request.prompt;
  const values: Record<string, string> = { model: request.modelId, system, prompt };
  return {
    args: args.map((arg) => arg.replace(placeholder, (_match, name: string) => values[name] ?? '')),
    stdin: mentions(args, 'prompt') ? '' : prompt,
  };
}
