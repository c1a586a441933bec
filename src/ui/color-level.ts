import type { Env } from '../io/env.js';

/** Chalk color level: 0 none, 1 basic, 2 256 colors, 3 true color. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** Decides colors: FORCE_COLOR wins, then NO_COLOR, then whether the stream is a terminal. */
export function resolveColorLevel(env: Env, isTTY: boolean): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return env.TERM?.includes('256') ? 2 : 1;
}
