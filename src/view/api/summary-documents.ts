import { buildLeaderboard } from '../../commands/leaderboard/build-leaderboard.js';
import { describePreset } from '../../commands/models/list-models.js';
import { readProviderState } from '../../commands/models/provider-state.js';
import { parseSince } from '../../commands/stats/parse-since.js';
import { voteRandom } from '../../commands/vote/vote-random.js';
import { loadSettings } from '../../config/load-settings.js';
import { t } from '../../i18n/translate.js';
import type { Env } from '../../io/env.js';
import { listProviders } from '../../providers/registry.js';
import { minimumVotes } from '../../rating/rate-models.js';
import type { HistoryStore } from '../../store/history-store.js';
import type { StatsGrouping } from '../../store/history-stats.js';
import type { VerdictFilter } from '../../store/verdicts.js';
import { ViewError } from '../server/view-error.js';
import { integerParameter, textParameter } from './parse-view-query.js';
import type { LeaderboardDocument, ProvidersDocument, StatsDocument } from './view-documents.js';

const groupings: StatsGrouping[] = ['model', 'provider', 'role'];
const sources: VerdictFilter['source'][] = ['human', 'judge', 'all'];

/** `since=7d` / `since=2026-11-01` as `--since` takes it (400 when unreadable), or null. */
function sinceParameter(params: URLSearchParams, now: Date): string | null {
  const since = textParameter(params, 'since');
  if (since === null) return null;
  try {
    return parseSince(since, now);
  } catch (error) {
    throw new ViewError(400, (error as Error).message);
  }
}

/** GET /api/stats?by=&since=: `stats --json` with the per-day trend. */
export function statsDocument(store: HistoryStore, params: URLSearchParams, now: Date): StatsDocument {
  const by = (textParameter(params, 'by') ?? 'model') as StatsGrouping;
  if (!groupings.includes(by)) throw new ViewError(400, t('history.stats.badBy', { value: by.slice(0, 40) }));
  const report = store.stats({ by, sinceIso: sinceParameter(params, now), trend: true });
  return { version: 1, ...report, trend: report.trend ?? [] };
}

/** GET /api/leaderboard?tag=&source=&since=&minVotes=: `leaderboard --json`. */
export function leaderboardDocument(store: HistoryStore, params: URLSearchParams, env: Env, now: Date): LeaderboardDocument {
  const source = (textParameter(params, 'source') ?? 'human').toLowerCase() as VerdictFilter['source'];
  if (!sources.includes(source)) throw new ViewError(400, t('rating.badSource', { value: source.slice(0, 40) }));
  const tags = [
    ...new Set(
      params
        .getAll('tag')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
  const since = sinceParameter(params, now);
  const minVotes = integerParameter(params, 'minVotes', minimumVotes, 1, 1_000_000);
  const comparisons = store.verdicts.comparisons({ source, ...(tags.length > 0 ? { tags } : {}), ...(since ? { since } : {}) });
  const groups = comparisons.length === 0 ? [] : store.stats({ by: 'model', sinceIso: since, trend: false }).groups;
  return buildLeaderboard(comparisons, groups, { source, tags, since, minVotes, random: voteRandom(env) });
}

/** What the providers list reads: the environment and config file (for keys configured), the clock. */
export interface ProvidersContext {
  env: Env;
  cwd: string;
  currentDate(): Date;
  readTextFile(filePath: string): Promise<string>;
}

/** GET /api/providers: each provider's name, whether its key is configured, health and limits; never a key or URL. */
export async function providersDocument(context: ProvidersContext): Promise<ProvidersDocument> {
  const settings = await loadSettings(undefined, context);
  const described = listProviders(context.env, settings.catalog).map((status) => describePreset(status, null));
  const quiet = { write: () => true };
  const state = await readProviderState(
    described.map((provider) => provider.id),
    { env: context.env, currentDate: context.currentDate, stderr: quiet },
    settings,
  );
  const providers = described.map((provider) => ({
    id: provider.id,
    name: provider.name,
    defaultModel: provider.defaultModel,
    keyRequired: provider.keyRequired,
    keyConfigured: provider.keyConfigured,
    usable: provider.usable,
    ...(state.health.has(provider.id) ? { health: state.health.get(provider.id)! } : {}),
    ...(state.limits.has(provider.id) ? { limits: state.limits.get(provider.id)! } : {}),
  }));
  return { version: 1, providers };
}
