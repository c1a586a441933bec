import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import { duelLine, shortLocalTime } from '../../report/duel-text.js';
import type { JsonReport, ReportPick, ReportVote } from '../../report/json-report.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';

/** A stored run's tags, votes and picks, as `history show` reports them. */
export interface RunVerdicts {
  tags: string[];
  promptTags: Record<string, string[]>;
  votes: ReportVote[];
  picks: ReportPick[];
}

/** How many duels the text view lists before saying how many more there are. */
const shownVotes = 20;

/** Reads a run's tags, votes and picks from the history. */
export function runVerdicts(store: HistoryStore, runId: number): RunVerdicts {
  const tags = store.verdicts.tagsOf(runId);
  return {
    tags: tags.run,
    promptTags: tags.prompts,
    votes: store.verdicts.votesOf(runId).map(({ runId: _run, tags: _tags, ...vote }) => vote),
    picks: store.verdicts.picksOf(runId).map(({ runId: _run, ...pick }) => pick),
  };
}

/**
 * The report with what the history knows beyond the results: a batch's prompts (with their own
 * tags), the run's tags, votes and picks, each only when there is some (so a run nobody tagged or
 * voted on gives back the very report it printed).
 */
export function withVerdicts(report: JsonReport, run: StoredRun, verdicts: RunVerdicts): JsonReport {
  const stored = Array.isArray(run.options.prompts)
    ? (run.options.prompts as { id?: unknown; source?: unknown; text?: unknown; system?: unknown }[])
    : null;
  const prompts = stored?.map((prompt) => {
    const id = String(prompt.id);
    const tags = verdicts.promptTags[id] ?? [];
    return {
      id,
      source: String(prompt.source ?? ''),
      chars: Array.from(String(prompt.text ?? '')).length,
      system: prompt.system !== null && prompt.system !== undefined,
      ...(tags.length > 0 ? { tags } : {}),
    };
  });
  const { results, judgeCall, ...head } = report;
  return {
    ...head,
    ...(prompts ? { prompts } : {}),
    ...(verdicts.tags.length > 0 ? { tags: verdicts.tags } : {}),
    results,
    ...(judgeCall ? { judgeCall } : {}),
    ...(verdicts.votes.length > 0 ? { votes: verdicts.votes } : {}),
    ...(verdicts.picks.length > 0 ? { picks: verdicts.picks } : {}),
  };
}

/** The text lines `history show` prints about tags (under the topic). */
export function renderTags(verdicts: RunVerdicts): string {
  const lines = [
    ...(verdicts.tags.length > 0 ? [t('verdict.show.tags', { tags: verdicts.tags.join(', ') })] : []),
    ...Object.entries(verdicts.promptTags).map(([promptId, tags]) => t('verdict.show.promptTags', { promptId, tags: tags.join(', ') })),
  ];
  return lines.map((line) => `${terminalSafe(line)}\n`).join('');
}

/** The picks and a short list of the duels, after the table. */
export function renderVerdicts(verdicts: RunVerdicts): string {
  const lines: string[] = [];
  if (verdicts.picks.length > 0) {
    lines.push(t('verdict.show.picks'));
    for (const pick of verdicts.picks) {
      const line = t('verdict.show.pick', { model: pick.model, voter: pick.voter, time: shortLocalTime(pick.createdAt) });
      lines.push(`  ${pick.promptId === null ? '' : `[${pick.promptId}] `}${line}`);
    }
  }
  if (verdicts.votes.length > 0) {
    lines.push(t('verdict.show.votes', { count: verdicts.votes.length }));
    lines.push(...verdicts.votes.slice(0, shownVotes).map((vote) => `  ${duelLine(vote)}`));
    if (verdicts.votes.length > shownVotes) lines.push(`  ${t('verdict.show.moreVotes', { count: verdicts.votes.length - shownVotes })}`);
  }
  return lines.length === 0 ? '' : `\n${lines.map((line) => `${terminalSafe(line)}\n`).join('')}`;
}
