import { formatCost } from '../../cost/compute-cost.js';
import { formatDuration } from '../../format/format-metrics.js';
import { formatLocalTime } from '../../format/format-local-time.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import { fitTable, type TableColumn } from '../../ui/fit-table.js';
import type { Leaderboard, LeaderboardRow } from './build-leaderboard.js';

/** How to draw the leaderboard. */
export interface RenderOptions {
  width: number;
  minVotes: number;
  styleHeader?: (text: string) => string;
}

const signed = (value: number) => (value >= 0 ? `+${value}` : `−${-value}`);

/** The interval as distances from the rating, as Chatbot Arena shows it: `+42/−37`. */
const interval = (row: LeaderboardRow) =>
  `${signed(Math.round(row.high) - Math.round(row.rating))}/${signed(Math.round(row.low) - Math.round(row.rating))}`;

/** The leaderboard's columns; the history figures give way first at narrow widths. */
function columns(): (TableColumn & { cell: (row: LeaderboardRow, rank: number) => string })[] {
  return [
    { header: t('rating.header.rank'), align: 'right', cell: (_, rank) => String(rank) },
    { header: t('rating.header.model'), minWidth: 12, cell: (row) => terminalSafe(row.model) },
    { header: t('rating.header.rating'), align: 'right', cell: (row) => String(Math.round(row.rating)) },
    { header: t('rating.header.interval'), align: 'right', dropOrder: 3, cell: interval },
    { header: t('rating.header.record'), align: 'right', dropOrder: 2, cell: (row) => `${row.wins}/${row.ties}/${row.losses}` },
    { header: t('rating.header.votes'), align: 'right', cell: (row) => String(row.votes) },
    { header: t('rating.header.latency'), align: 'right', dropOrder: 1, cell: (row) => formatDuration(row.medianLatencyMs) },
    { header: t('rating.header.per1000'), align: 'right', dropOrder: 0, cell: (row) => formatCost(row.costPer1000Chars) },
  ];
}

/** The title's filter part: `, tagged 标题, since …`. */
function filters(board: Leaderboard): string {
  const tags = board.tags.length > 0 ? t('rating.filter.tags', { tags: terminalSafe(board.tags.join(', ')) }) : '';
  return tags + (board.since ? t('rating.filter.since', { time: formatLocalTime(board.since) }) : '');
}

/** The leaderboard as text: a title, the ranked table, a footnote, and the models with too few votes. */
export function renderLeaderboard(board: Leaderboard, options: RenderOptions): string {
  const source = t(`rating.source.${board.source}`);
  if (board.comparisons === 0 || board.models.length + board.tooFewVotes.length === 0) {
    return `${t('rating.empty', { source, filters: filters(board) })}\n`;
  }
  const lines = [t('rating.title', { source, filters: filters(board), count: board.comparisons }), ''];
  if (board.models.length === 0) lines.push(t('rating.noneRanked', { count: options.minVotes }));
  else {
    const table = columns();
    const rows = board.models.map((row, index) => table.map((column) => column.cell(row, index + 1)));
    lines.push(fitTable(table, rows, options.width, { styleHeader: options.styleHeader }), t('rating.footnote'));
  }
  if (board.tooFewVotes.length > 0) {
    lines.push('', t('rating.tooFew.heading', { count: options.minVotes }));
    for (const row of board.tooFewVotes) {
      lines.push(
        t('rating.tooFew.line', { model: terminalSafe(row.model), votes: row.votes, wins: row.wins, ties: row.ties, losses: row.losses }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
