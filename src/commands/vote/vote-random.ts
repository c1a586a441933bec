import { randomInt } from 'node:crypto';
import type { Env } from '../../io/env.js';
import { seededRandom } from '../../judge/judge-random.js';

/**
 * The random source for the duels' order and sides: seeded from `WECHAT_WRITER_SEED` when it is set
 * to an integer (tests, a reproducible session), else from a random seed.
 */
export function voteRandom(env: Env): () => number {
  const seed = env.WECHAT_WRITER_SEED?.trim();
  if (seed && /^-?\d+$/.test(seed)) return seededRandom(Number(seed));
  return seededRandom(randomInt(2 ** 32 - 1));
}
