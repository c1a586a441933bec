import type { ProviderLimits } from '../limits/limit-spec.js';

/**
 * The wire formats we have adapters for. `claude-code` (the local Claude Code CLI) and `command` (any
 * CLI run from a config template) have no URL: they run the preset's {@link ProviderPreset.command}.
 */
export type WireFormat = 'openai' | 'anthropic' | 'mock' | 'claude-code' | 'command';

/**
 * Where a CLI provider reads one thing in the JSON its command prints: a dotted path (`stats.input_tokens`;
 * `*` stands for every key or element, numbers reached so are added up), read only from events (or the
 * document) whose values at the `when` paths equal the ones given.
 */
export interface CommandField {
  path: string;
  when?: Record<string, string | number | boolean>;
}

/** What a CLI provider reads in its command's JSON output; each thing from the first of its fields that has it. */
export interface CommandFields {
  /** Where the draft is (required for `json` and `jsonl` output). */
  text?: readonly CommandField[];
  reasoning?: readonly CommandField[];
  /** Every input token, cached ones included. */
  inputTokens?: readonly CommandField[];
  /** Of the input: tokens read from the prompt cache. */
  cachedInputTokens?: readonly CommandField[];
  outputTokens?: readonly CommandField[];
  reasoningTokens?: readonly CommandField[];
  costUsd?: readonly CommandField[];
  model?: readonly CommandField[];
  /** A non-empty text here fails the call with it. */
  error?: readonly CommandField[];
}

/**
 * How a provider run through a local CLI is started: never through a shell. `claude-code` reads only
 * `command`; `command` providers the whole template: `args` with `{model}`, `{system}`, `{prompt}`
 * substituted inside single arguments (the prompt goes to stdin when no argument holds `{prompt}`),
 * what stdout is (`text`, one `json` document, or `jsonl` events) and where to read things in it.
 */
export interface CommandTemplate {
  /** A name looked up on PATH, or a path. */
  command: string;
  args?: readonly string[];
  output?: 'text' | 'json' | 'jsonl';
  fields?: CommandFields;
  /** What `doctor` runs to check the command starts (spends nothing); default `--version`. */
  versionArgs?: readonly string[];
  /** How to install the CLI, named when it is missing. */
  install?: string;
}

/** The two HTTP API formats a provider may speak. */
export type ApiFormat = 'openai' | 'anthropic';

/** USD per 1M tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** What temperatures a model accepts: a range (`minExclusive` for MiniMax's (0, 1]) or one value only. */
export interface TemperatureLimits {
  min?: number;
  max?: number;
  minExclusive?: boolean;
  only?: number;
}

/** A model a preset knows, with its price when known (never guessed). */
export interface ModelEntry {
  id: string;
  prices?: ModelPrice;
  temperature?: TemperatureLimits;
}

/** How a provider deviates from the plain formats; each quirk is handled once, in the adapters. */
export interface PresetQuirks {
  /** Chat Completions output-length parameter this endpoint accepts. */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  temperature?: TemperatureLimits;
  /** Extra headers; `{ENV_VAR}` in a value is read from the environment (header left out when unset). */
  headers?: Record<string, string>;
  /** Where the key goes: `Authorization: Bearer` (default) or Azure's `api-key` header. */
  apiKeyHeader?: 'authorization' | 'api-key';
  /** Extra query parameters, `{ENV_VAR}` placeholders as for headers (e.g. Azure `api-version`). */
  query?: Record<string, string>;
  /** A host variable (`OLLAMA_HOST=127.0.0.1:11434`) that sets the base URL, with this path appended per format. */
  hostEnv?: { name: string; paths: Partial<Record<ApiFormat, string>> };
}

/**
 * A provider preset: data, not code. Every built-in preset is served by the OpenAI or Anthropic adapter.
 * Env vars follow one pattern: `<ID>_API_KEY`, `<ID>_BASE_URL`, `<ID>_MODEL`, `<ID>_REGION`,
 * `<ID>_API_FORMAT` (ID upper-cased), plus the names a provider documents itself.
 */
export interface ProviderPreset {
  id: string;
  name: string;
  aliases: readonly string[];
  /** Base URLs per API format and region; the first region listed is the default. `{ENV}` placeholders allowed. */
  endpoints: Partial<Record<ApiFormat, Record<string, string>>>;
  defaultFormat: WireFormat;
  /** A provider run through a local CLI (`claude-code`, `command`): what to run. It has no endpoint. */
  command?: CommandTemplate;
  /** Key variables, first match wins; the first is the one we tell people to set. Default: `<ID>_API_KEY`. */
  apiKeyEnvs?: readonly string[];
  /** Keys written in the config file (`apiKeys`), tried in order like several key variables. */
  apiKeys?: readonly string[];
  /**
   * Other secrets the config file put into this provider (values of `${VAR}` whose name says key,
   * secret, token or password): redacted from everything a server sends back, like the keys.
   */
  secrets?: readonly string[];
  /** Use every key that is set, in order, moving to the next on RATE_LIMIT or QUOTA_EXCEEDED. */
  keyRotation?: boolean;
  /** At most this many calls to this provider at once (config `maxConcurrency`). */
  maxConcurrency?: number;
  /** `--batch-api`: the batch format this endpoint speaks, or `off` (config `batchApi`); detected from the preset when absent. */
  batchApi?: 'openai' | 'anthropic' | 'off';
  /** Requests and tokens each key may spend per minute, hour or day (config `rateLimit`, `tokenLimit`; see src/limits). */
  limits?: ProviderLimits;
  /** Extra base-URL and model variables read after `<ID>_BASE_URL` / `<ID>_MODEL`. */
  baseUrlEnvs?: readonly string[];
  modelEnvs?: readonly string[];
  requiresKey: boolean;
  defaultModel: string;
  models: readonly ModelEntry[];
  /** When the prices were taken (they change monthly: check before relying on them). */
  pricesAsOf?: string;
  quirks?: PresetQuirks;
}

/** `deepseek` → `DEEPSEEK`, for the env var pattern. */
export const envPrefix = (presetId: string): string => presetId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
