import { resolveHomeDirectory } from '../config/home-directory.js';
import type { Settings } from '../config/settings.js';
import { loadPriceOverrides } from '../cost/load-price-overrides.js';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from '../providers/registry.js';
import { readReplyLimits } from '../providers/reply-limits.js';
import { defaultRetryPolicy } from '../run/retry-policy.js';
import { parseNumberInRange, parsePositiveInteger, parseWholeNumberInRange } from './parse-number-option.js';

export const defaultTimeoutMs = 120_000;

/** The per-call flags every command that calls models shares, as typed. */
export interface CallFlags {
  maxTokens?: string;
  temperature?: string;
  timeout?: string;
  retries?: string;
}

/** Those flags validated, with the config file's retries as the default. */
export interface CallOptions {
  maxTokens: number | null;
  temperature: number | null;
  timeoutMs: number;
  retries: number;
}

/**
 * Validates `--max-tokens`, `--temperature`, `--timeout` and `--retries` (UsageError naming the flag),
 * and, given `env`, the reply limits there (`WECHAT_WRITER_MAX_REPLY_BYTES` / `_CHARS`), so a
 * malformed one stops the run before any call.
 */
export function parseCallOptions(flags: CallFlags, settings: Settings, env?: Env): CallOptions {
  if (env) readReplyLimits(env);
  return {
    maxTokens: flags.maxTokens === undefined ? null : parsePositiveInteger('--max-tokens', flags.maxTokens),
    temperature: flags.temperature === undefined ? null : parseNumberInRange('--temperature', flags.temperature, 0, 2),
    timeoutMs: flags.timeout === undefined ? defaultTimeoutMs : parsePositiveInteger('--timeout', flags.timeout),
    retries:
      flags.retries === undefined
        ? (settings.retries ?? defaultRetryPolicy.retries)
        : parseWholeNumberInRange('--retries', flags.retries, 0, 10),
  };
}

/** Applies the user's price overrides (WECHAT_WRITER_PRICES or prices.json) to resolved models. */
export async function loadPriceApplier(deps: {
  env: Env;
  readTextFile(filePath: string): Promise<string>;
}): Promise<(model: ResolvedModel) => ResolvedModel> {
  const prices = await loadPriceOverrides(deps.env, resolveHomeDirectory(deps.env), deps.readTextFile);
  return (model) => ({ ...model, prices: prices[model.id] ?? model.prices });
}
