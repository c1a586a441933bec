import { Chalk } from 'chalk';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { parsePositiveInteger } from '../../plan/parse-number-option.js';
import { minimumVotes } from '../../rating/rate-models.js';
import type { VerdictFilter } from '../../store/verdicts.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { openHistory } from '../history/open-history.js';
import { parseSince } from '../stats/parse-since.js';
import { voteRandom } from '../vote/vote-random.js';
import { buildLeaderboard } from './build-leaderboard.js';
import { renderLeaderboard } from './render-leaderboard.js';

/** `wechat-writer leaderboard` options. */
export interface LeaderboardOptions {
  tag?: string[];
  since?: string;
  source?: string;
  minVotes?: string;
  json: boolean;
}

const sources: VerdictFilter['source'][] = ['human', 'judge', 'all'];

/** Parses the options before anything is opened: a bad one is a usage error (exit 2). */
function parseOptions(options: LeaderboardOptions, now: Date) {
  const source = (options.source ?? 'human').trim().toLowerCase() as VerdictFilter['source'];
  if (!sources.includes(source)) throw new UsageError(t('rating.badSource', { value: String(options.source) }));
  const tags = [...new Set((options.tag ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  const since = options.since === undefined ? null : parseSince(options.since, now);
  const minVotes = options.minVotes === undefined ? minimumVotes : parsePositiveInteger('--min-votes', options.minVotes);
  return { source, tags, since, minVotes };
}

/**
 * Bradley–Terry ratings of the models from the verdicts in the history (human by default), with
 * 95 % bootstrap intervals, W/T/L and votes, and each model's median latency and cost per 1,000 字.
 */
export async function runLeaderboard(options: LeaderboardOptions, io: CommandIO): Promise<ExitCodeValue> {
  const query = parseOptions(options, io.currentDate());
  const store = await openHistory(io);
  try {
    const comparisons = store.verdicts.comparisons({
      source: query.source,
      ...(query.tags.length > 0 ? { tags: query.tags } : {}),
      ...(query.since ? { since: query.since } : {}),
    });
    const groups = comparisons.length === 0 ? [] : store.stats({ by: 'model', sinceIso: query.since, trend: false }).groups;
    const board = buildLeaderboard(comparisons, groups, { ...query, random: voteRandom(io.env) });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(board, null, 2)}\n`);
      return ExitCode.ok;
    }
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    io.stdout.write(
      renderLeaderboard(board, {
        width: terminalWidth(io.stdout, io.env),
        minVotes: query.minVotes,
        styleHeader: (text) => color.bold(text),
      }),
    );
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
