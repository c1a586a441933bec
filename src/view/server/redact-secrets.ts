import type { Env } from '../../io/env.js';

/** Names of variables whose values must never appear in a response: keys, tokens, secrets, endpoints. */
const secretName = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|BASE_?URL|ENDPOINT|_URL|_HOST)$/i;
/** Values shorter than this are too common to be told apart from ordinary text. */
const shortestSecret = 8;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces every value of a secret-looking variable of `env` (and the `extra`
 * values, e.g. keys from the config file) with `[redacted]`: the last guard before a body leaves.
 */
export function secretRedactor(env: Env, extra: readonly string[] = []): (text: string) => string {
  const values = new Set<string>(extra.filter((value) => value.length >= shortestSecret));
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= shortestSecret && secretName.test(name)) values.add(trimmed);
  }
  if (values.size === 0) return (text) => text;
  const pattern = new RegExp(
    [...values]
      .sort((a, b) => b.length - a.length)
      .map(escaped)
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, '[redacted]');
}
