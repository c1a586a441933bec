import * as z from './zod.js';
import { parseLanguage } from '../i18n/choose-language.js';
import { t } from '../i18n/translate.js';
import { maxConcurrency } from '../plan/concurrency-limit.js';
import { checkCliProvider, cliProviderFields } from './cli-provider-schema.js';
import { strategyNames } from '../routing/route-decision.js';
import { apiKeyEntries, keyEnvEntries, limitFields } from '../limits/limit-schema.js';

const price = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});

const temperatureLimits = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  minExclusive: z.boolean().optional(),
  only: z.number().optional(),
});

/** A model a provider lists: its id, or `{ id, prices, temperature }` (a plain id is read as `{ id }`). */
const modelEntry = z.preprocess(
  (value) => (typeof value === 'string' ? { id: value } : value),
  z.strictObject({ id: z.string().min(1), prices: price.optional(), temperature: temperatureLimits.optional() }),
);

// Messages are functions, so they are read in the language of the run that parses the file.
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: () => t('config.envNameRule') });

/**
 * `language: zh-CN | en`, also written `zh`, `zh_CN`, `en_US`… as --lang reads them. Only names of
 * letters, digits, `_`, `-`, `.`, `@`: what main() can read from the file before it is parsed.
 * Anything else is an error at this key.
 */
const languageSetting = z.preprocess(
  (value) => (typeof value === 'string' && /^[\w.@-]+$/.test(value.trim()) ? (parseLanguage(value) ?? value) : value),
  z.enum(['zh-CN', 'en']),
);

/**
 * A provider in the config file: a new endpoint (`type` + `baseURL`), a preset extended (`preset: deepseek`),
 * or a local CLI: `type: claude-code` (optional `command`: its path, default `claude` on PATH) or
 * `type: command` (`command`, `args`, `output`, `fields`…: see cli-provider-schema.ts).
 */
const providerFields = z.strictObject({
  type: z.enum(['openai', 'anthropic', 'claude-code', 'command']).optional(),
  preset: z.string().min(1).optional(),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  apiKeyEnv: envName.optional(),
  apiKeyEnvs: keyEnvEntries(envName).optional(),
  apiKeys: apiKeyEntries().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  ...cliProviderFields,
  models: z.array(modelEntry).optional(),
  defaultModel: z.string().min(1).optional(),
  prices: z.record(z.string(), price).optional(),
  maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
  temperature: temperatureLimits.optional(),
  maxConcurrency: z.number().int().positive().optional(),
  /** `--batch-api`: the batch wire format this endpoint speaks (a proxy, a test server), or `off`; detected from the preset when absent. */
  batchApi: z.enum(['openai', 'anthropic', 'off']).optional(),
  /** Kept before they bite (src/limits): `60/min`, `/hour`, `/day`, for each of the provider's keys. */
  ...limitFields,
});

/** A provider, its fields checked together (see checkCliProvider). */
export const providerConfigSchema = providerFields.superRefine(checkCliProvider);

/**
 * A role: its models in priority order (= fallback order), and what it overrides. A plain list is
 * read as `{ models: [...] }`, so a mistake is reported at its own key (not as a vague union failure).
 */
export const roleConfigSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { models: value } : value),
  z.strictObject({
    models: z.array(z.string().min(1)).min(1),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    system: z.string().min(1).optional(),
    /** How the models are ordered for each call (the rest of the list stays the fallback chain). */
    strategy: z.enum(strategyNames).optional(),
  }),
);

/** The whole config file. Unknown keys are errors, so typos are caught. */
export const configSchema = z.strictObject({
  providers: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: () => t('config.providerIdRule') }), providerConfigSchema)
    .optional(),
  roles: z.record(z.string().min(1), roleConfigSchema).optional(),
  retry: z.strictObject({ retries: z.number().int().min(0).max(10).optional() }).optional(),
  concurrency: z.number().int().positive().max(maxConcurrency).optional(),
  /** When a provider rests: after `failures` retryable failures in a row, for `cooldownSeconds`, doubling up to `maxCooldownSeconds`. */
  health: z
    .strictObject({
      failures: z.number().int().min(1).max(100).optional(),
      cooldownSeconds: z.number().positive().max(86_400).optional(),
      maxCooldownSeconds: z.number().positive().max(604_800).optional(),
    })
    .optional(),
  /** The interface language; `--lang` and `WECHAT_WRITER_LANG` win over it, it wins over the locale. */
  language: languageSetting.optional(),
});

export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type RoleConfig = z.infer<typeof roleConfigSchema>;
export type ConfigFile = z.infer<typeof configSchema>;
