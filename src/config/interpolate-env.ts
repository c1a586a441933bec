import type { Env } from '../io/env.js';

/** A `${VAR}` that is not set, and where. */
export interface MissingVariable {
  path: string;
  name: string;
}

/** Replaces `${VAR}` in every string of a parsed document with the environment's value; lists the unset ones. */
export function interpolateEnv(
  value: unknown,
  env: Env,
  path = '',
  missing: MissingVariable[] = [],
): { value: unknown; missing: MissingVariable[] } {
  if (typeof value === 'string') {
    const replaced = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined || found === '') missing.push({ path, name });
      return found ?? '';
    });
    return { value: replaced, missing };
  }
  if (Array.isArray(value))
    return { value: value.map((item, index) => interpolateEnv(item, env, `${path}[${index}]`, missing).value), missing };
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      interpolateEnv(item, env, path ? `${path}.${key}` : key, missing).value,
    ]);
    return { value: Object.fromEntries(entries), missing };
  }
  return { value, missing };
}
