import { t } from '../i18n/translate.js';
import type { ResolvedModel } from '../providers/registry.js';
import { namedAnywayLine, skippedLine } from './format-health.js';
import type { HealthStore } from './health-store.js';

/**
 * The models of a chain worth calling: the first `named` ones (named by the user) always, with a
 * warning when they rest; the others only when they do not rest and their key is not unusable (one
 * line each saying so, once a run when the store keeps count). When that leaves none, the first is
 * called anyway, with a warning.
 */
export function healthyChain(
  chain: readonly ResolvedModel[],
  named: number,
  health: HealthStore,
  tell: (model: ResolvedModel, line: string) => void,
): ResolvedModel[] {
  // once a run per model and decision: a write's stages or a batch's prompts do not repeat it
  const once = (model: ResolvedModel, decision: string, line: string) => {
    if (health.firstTime?.(`${decision} ${model.id}`) !== false) tell(model, line);
  };
  const kept = chain.filter((model, index) => {
    const verdict = health.verdict(model);
    if (verdict.state === 'ok') return true;
    if (index < named) {
      once(model, 'named', namedAnywayLine(model, verdict));
      return true;
    }
    once(model, 'skipped', skippedLine(model, verdict));
    return false;
  });
  const [first] = chain;
  if (kept.length > 0 || !first) return kept;
  tell(first, t('health.allResting', { model: first.id }));
  return [first];
}
