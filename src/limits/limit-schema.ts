import * as z from '../config/zod.js';
import { closestKey } from '../config/describe-config-issue.js';
import { t } from '../i18n/translate.js';
import { parseLimit, type KeyLimits, type Limit, type ProviderLimits } from './limit-spec.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `rateLimit: 60/min` or `tokenLimit: 200000/day` in the config file, read as a Limit; anything else is one problem at its key. */
const limitField = (key: 'rateLimit' | 'tokenLimit') =>
  z.unknown().transform((value, context): Limit => {
    const limit = typeof value === 'string' ? parseLimit(value) : null;
    if (limit) return limit;
    context.addIssue({ code: 'custom', message: t('limits.config.badLimit', { key }) });
    return z.NEVER;
  });

/** The limit keys a provider and each of its key entries may set. */
export const limitFields = { rateLimit: limitField('rateLimit').optional(), tokenLimit: limitField('tokenLimit').optional() };

/**
 * A list whose entries are plain (`NAME`, a key) or mappings with the same thing and its own limits
 * (`{ env: NAME, rateLimit: 5/min }`). Each entry is checked by the schema its shape calls for, so a
 * mistake is reported at its own path (a union would report "invalid input" for the whole entry).
 */
function entriesOf<Entry>(plain: z.ZodType<string>, entry: z.ZodType<Entry>, known: readonly string[]) {
  return z
    .array(z.unknown())
    .min(1)
    .transform((entries, context) => {
      const parsed: (string | Entry)[] = [];
      entries.forEach((value, index) => {
        const result = isRecord(value) ? entry.safeParse(value) : plain.safeParse(value);
        if (result.success) parsed.push(result.data);
        else for (const issue of result.error.issues) context.addIssue(atEntry(issue, index, known) as never);
      });
      return parsed;
    });
}

/** An entry's issue at its path in the list; an unknown key names the known ones (the list's schema hides them from the usual message). */
function atEntry(issue: z.core.$ZodIssue, index: number, known: readonly string[]) {
  if (issue.code !== 'unrecognized_keys') return { ...issue, path: [index, ...issue.path] };
  const [key = ''] = issue.keys;
  const guess = closestKey(key, known);
  const hint = guess ? t('config.didYouMean', { guess }) : '';
  return { code: 'custom', path: [index, ...issue.path, key], message: t('config.unknownKey', { hint, known: known.join(', ') }) };
}

/** `apiKeyEnvs:` entries: a variable name, or `{ env: NAME, rateLimit?, tokenLimit? }`. */
export const keyEnvEntries = (envName: z.ZodType<string>) =>
  entriesOf(envName, z.strictObject({ env: envName, ...limitFields }), ['env', 'rateLimit', 'tokenLimit']);

/** `apiKeys:` entries: a key, or `{ key: "...", rateLimit?, tokenLimit? }`. */
export const apiKeyEntries = () =>
  entriesOf(z.string().min(1), z.strictObject({ key: z.string().min(1), ...limitFields }), ['key', 'rateLimit', 'tokenLimit']);

/** An entry of `apiKeyEnvs` or `apiKeys` as parsed. */
export type KeyEntry<Name extends string> = string | ({ [key in Name]: string } & KeyLimits);

/** What a config provider says about limits. */
export interface LimitsConfig extends KeyLimits {
  apiKeyEnvs?: readonly KeyEntry<'env'>[];
  apiKeys?: readonly KeyEntry<'key'>[];
}

const ownLimits = (entry: KeyLimits): KeyLimits | undefined =>
  entry.rateLimit || entry.tokenLimit
    ? { ...(entry.rateLimit ? { rateLimit: entry.rateLimit } : {}), ...(entry.tokenLimit ? { tokenLimit: entry.tokenLimit } : {}) }
    : undefined;

/** The variable names of `apiKeyEnvs` entries. */
export const keyEnvNames = (entries: readonly KeyEntry<'env'>[]): string[] =>
  entries.map((entry) => (typeof entry === 'string' ? entry : entry.env));

/** The keys of `apiKeys` entries. */
export const keyValues = (entries: readonly KeyEntry<'key'>[]): string[] =>
  entries.map((entry) => (typeof entry === 'string' ? entry : entry.key));

/** The provider's limits from its config (undefined when it sets none). */
export function providerLimitsFrom(config: LimitsConfig): ProviderLimits | undefined {
  const byEnv = Object.fromEntries(
    (config.apiKeyEnvs ?? []).flatMap((entry) => {
      const own = typeof entry === 'string' ? undefined : ownLimits(entry);
      return own && typeof entry !== 'string' ? [[entry.env, own] as const] : [];
    }),
  );
  const byKey = (config.apiKeys ?? []).map((entry) => (typeof entry === 'string' ? undefined : ownLimits(entry)));
  const limits: ProviderLimits = {
    ...ownLimits(config),
    ...(Object.keys(byEnv).length > 0 ? { byEnv } : {}),
    ...(byKey.some(Boolean) ? { byKey } : {}),
  };
  return Object.keys(limits).length > 0 ? limits : undefined;
}
