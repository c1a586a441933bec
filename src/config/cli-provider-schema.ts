import * as z from './zod.js';
import { t } from '../i18n/translate.js';

/** One place to read a thing: `path`, or `{ path, when: { type: result } }`. A plain path is read as `{ path }`. */
const fieldEntry = z.preprocess(
  (value) => (typeof value === 'string' ? { path: value } : value),
  z.strictObject({
    path: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, { error: () => t('cliProvider.config.badPath') }),
    when: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
);

/** One field or several (tried in order): always read as a list. */
const field = z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(fieldEntry).min(1));

/** Where a `type: command` provider reads the draft, usage, cost, model and errors in its CLI's JSON. */
const commandFields = z.strictObject({
  text: field.optional(),
  reasoning: field.optional(),
  inputTokens: field.optional(),
  cachedInputTokens: field.optional(),
  outputTokens: field.optional(),
  reasoningTokens: field.optional(),
  costUsd: field.optional(),
  model: field.optional(),
  error: field.optional(),
});

/**
 * The keys of a provider run through a local CLI: `command` (`type: claude-code`: its path, default
 * `claude`; `type: command`: the CLI to run) and the rest of a `type: command` template.
 */
export const cliProviderFields = {
  command: z.string().min(1).optional(),
  args: z.array(z.string()).optional(),
  output: z.enum(['text', 'json', 'jsonl']).optional(),
  fields: commandFields.optional(),
  versionArgs: z.array(z.string()).optional(),
  install: z.string().min(1).optional(),
};

const templateKeys = ['args', 'output', 'fields', 'versionArgs', 'install'] as const;
const httpKeys = ['preset', 'baseURL', 'apiKeyEnv', 'apiKeyEnvs', 'apiKeys', 'headers', 'maxTokensParam'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `command` goes with `type: claude-code` or `type: command`, the template keys with `type: command`
 * only, and such a provider takes no key, URL or preset. A `type: command` provider needs its command,
 * and JSON output needs to know where the draft is. Each mistake is reported at its own key.
 */
export function checkCliProvider(provider: Record<string, unknown>, context: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
  const type = provider.type;
  if (type !== 'command') {
    for (const key of templateKeys) if (provider[key] !== undefined) issue([key], t('cliProvider.config.templateNeedsType', { key }));
  }
  if (type !== 'claude-code' && type !== 'command') {
    if (provider.command !== undefined) issue(['command'], t('cliProvider.config.commandNeedsType'));
    return;
  }
  for (const key of httpKeys) if (provider[key] !== undefined) issue([key], t('cliProvider.config.notForCli', { key, type }));
  if (type !== 'command') return;
  if (provider.command === undefined) issue(['command'], t('cliProvider.config.commandRequired'));
  const output = typeof provider.output === 'string' ? provider.output : 'text';
  if (output === 'text' && provider.fields !== undefined) issue(['fields'], t('cliProvider.config.fieldsNeedJson'));
  if (output !== 'text' && !(isRecord(provider.fields) && provider.fields.text !== undefined))
    issue(['fields', 'text'], t('cliProvider.config.textFieldRequired', { output }));
}
