import type { CommandIO } from '../../cli/command-io.js';
import { givenTags } from '../../store/run-tags-scope.js';
import { openHistory } from './open-history.js';

/**
 * The tags of a rerun: the `--tag` values given, else the repeated run's own tags. A run id that
 * cannot be read gives none here; the rerun itself then says what is wrong.
 */
export async function rerunTags(runIdText: string, given: readonly string[] | undefined, io: CommandIO): Promise<string[]> {
  const tags = givenTags(given);
  if (tags.length > 0) return tags;
  try {
    const store = await openHistory(io);
    try {
      const runId = Number(runIdText.replace(/^#/, ''));
      return Number.isSafeInteger(runId) && runId > 0 ? store.verdicts.tagsOf(runId).run : [];
    } finally {
      store.close();
    }
  } catch {
    return [];
  }
}
