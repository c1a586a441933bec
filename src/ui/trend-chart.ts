import { t } from '../i18n/translate.js';
import { padToWidth } from './display-width.js';
import type { TrendDay } from '../store/history-stats.js';
import { formatDuration } from '../format/format-metrics.js';
import { formatCost } from '../cost/compute-cost.js';

const blocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A sparkline of values (unknown values as spaces). */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((value): value is number => value !== null);
  const max = Math.max(...known, 0);
  return values.map((value) => (value === null ? ' ' : blocks[max === 0 ? 0 : Math.min(7, Math.round((value / max) * 7))])).join('');
}

/** The per-day series as a small terminal chart: sparklines, then one bar per day. */
export function renderTrendChart(days: readonly TrendDay[], barWidth = 30): string {
  if (days.length === 0) return `${t('display.trend.none')}\n`;
  const maxCalls = Math.max(...days.map((day) => day.calls));
  const lines = [
    `${padToWidth(t('display.trend.calls'), 12)} ${sparkline(days.map((day) => day.calls))}`,
    `${padToWidth(t('display.trend.p50'), 12)} ${sparkline(days.map((day) => day.p50LatencyMs))}`,
    `${padToWidth(t('display.trend.cost'), 12)} ${sparkline(days.map((day) => day.costUsd))}`,
    '',
    ...days.map((day) => {
      const bar = '█'.repeat(Math.max(1, Math.round((day.calls / maxCalls) * barWidth)));
      const failed = day.failed > 0 ? t('display.trend.failed', { count: day.failed }) : '';
      const facts = t('display.trend.day', {
        calls: day.calls,
        failed,
        p50: formatDuration(day.p50LatencyMs),
        cost: formatCost(day.costUsd),
      });
      return `${day.day} ${bar.padEnd(barWidth)} ${facts}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
