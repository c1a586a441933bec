import type { Env } from '../io/env.js';

/** A small seeded generator (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The random source that shuffles the drafts for the judge: `Math.random`, or a fixed order when
 * `WECHAT_WRITER_JUDGE_SEED` is set to an integer (for tests, and to reproduce a judgement).
 */
export function judgeRandom(env: Env): () => number {
  const seed = env.WECHAT_WRITER_JUDGE_SEED?.trim();
  if (seed && /^-?\d+$/.test(seed)) return seededRandom(Number(seed));
  return Math.random;
}
