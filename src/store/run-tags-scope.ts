import { createRunScope } from '../io/run-scope.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import { cleanTags } from './verdict-store.js';

const scope = createRunScope<readonly string[]>();

/**
 * Runs `work` (and everything it starts) with the run's own tags (`--tag`): the history recorder
 * stores them when the run starts (record-history.ts) and the JSON report carries them. Set by the
 * command's action, so the run code between needs no new parameter.
 */
export function withRunTags<Result>(tags: readonly string[], work: () => Result): Result {
  return scope.run(cleanTags(tags), work);
}

/** The tags of the run this code belongs to; none outside `withRunTags`. */
export function currentRunTags(): string[] {
  return [...(scope.get() ?? [])];
}

/** Commander's collector for a repeatable `--tag <tag>`. */
export const collectTag = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The `--tag` values given, checked: a blank one is a usage error (exit 2). */
export function givenTags(values: readonly string[] | undefined): string[] {
  if ((values ?? []).some((tag) => tag.trim() === '')) throw new UsageError(t('verdict.tag.empty'));
  return cleanTags(values ?? []);
}
