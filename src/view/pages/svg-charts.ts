import { escapeHtml } from './html-text.js';

/** One day's values: `YYYY-MM-DD` and a value per series (null where unknown). */
export interface DayPoint {
  day: string;
  values: (number | null)[];
}

const width = 480;
const height = 200;
const left = 56;
const right = 12;
const top = 12;
const bottom = 28;
const plotWidth = width - left - right;
const plotHeight = height - top - bottom;
const dayMs = 86_400_000;

/** Every day from the first to the last of `points`, the missing ones with the values `filler` gives. */
export function fillDays(points: readonly DayPoint[], filler: (day: string) => DayPoint): DayPoint[] {
  if (points.length === 0) return [];
  const byDay = new Map(points.map((point) => [point.day, point]));
  const first = Date.parse(`${points[0]?.day}T00:00:00Z`);
  const last = Date.parse(`${points.at(-1)?.day}T00:00:00Z`);
  if (Number.isNaN(first) || Number.isNaN(last) || last < first || (last - first) / dayMs > 1000) return [...points];
  const days: DayPoint[] = [];
  for (let time = first; time <= last; time += dayMs) {
    const day = new Date(time).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? filler(day));
  }
  return days;
}

/** A round upper bound for the axis (1, 2 or 5 times a power of ten), at least `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max) ?? 10;
  return step * power;
}

const number = (value: number) => value.toFixed(1);

/** The frame: title for screen readers, horizontal grid lines with their values, and day labels (at most ~8). */
function frame(title: string, days: readonly string[], max: number, format: (value: number) => string, slot: number): string {
  const labels = [0, 0.5, 1].map((fraction) => format(max * fraction));
  const grid = [0, 0.5, 1].map((fraction, index) => {
    const y = top + plotHeight * (1 - fraction);
    // a middle value that rounds to an end's text (tiny values) is left unlabelled
    const label = index === 1 && (labels[1] === labels[0] || labels[1] === labels[2]) ? '' : (labels[index] ?? '');
    return `<line class="chart-grid" x1="${left}" x2="${width - right}" y1="${number(y)}" y2="${number(y)}"/>${
      label ? `<text class="chart-axis" x="${left - 6}" y="${number(y + 4)}" text-anchor="end">${escapeHtml(label)}</text>` : ''
    }`;
  });
  const every = Math.max(1, Math.ceil(days.length / 8));
  const dayLabels = days
    .map((day, index) =>
      index % every === 0 || index === days.length - 1
        ? `<text class="chart-axis" x="${number(left + slot * (index + 0.5))}" y="${height - 8}" text-anchor="middle">${escapeHtml(day.slice(5))}</text>`
        : '',
    )
    .join('');
  return `<title>${escapeHtml(title)}</title>${grid.join('')}${dayLabels}`;
}

const open = (kind: string, title: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${kind}" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMid meet">`;

/**
 * Bars per day, stacked from the first series up (each series gets the class `series-<n>`), with the
 * day and values in each bar's tooltip. Inline SVG: no script, no style attribute.
 */
export function dayBarChart(title: string, points: readonly DayPoint[], format: (value: number) => string): string {
  const totals = points.map((point) => point.values.reduce<number>((sum, value) => sum + (value ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(2, slot * 0.7);
  const bars = points.map((point, index) => {
    let base = top + plotHeight;
    const x = left + slot * index + (slot - barWidth) / 2;
    const tip = `${point.day}: ${point.values.map((value) => (value === null ? '—' : format(value))).join(' / ')}`;
    const parts = point.values.map((value, series) => {
      const barHeight = ((value ?? 0) / max) * plotHeight;
      base -= barHeight;
      return barHeight <= 0
        ? ''
        : `<rect class="chart-bar series-${series}" x="${number(x)}" y="${number(base)}" width="${number(barWidth)}" height="${number(barHeight)}"><title>${escapeHtml(tip)}</title></rect>`;
    });
    return `<g class="chart-day" data-day="${escapeHtml(point.day)}">${parts.join('')}</g>`;
  });
  return `${open('bar-chart', title)}${frame(
    title,
    points.map((point) => point.day),
    max,
    format,
    slot,
  )}${bars.join('')}</svg>`;
}

/** A line per day over the first series; a day without a value breaks the line. Each known day has a dot with its tooltip. */
export function dayLineChart(title: string, points: readonly DayPoint[], format: (value: number) => string): string {
  const values = points.map((point) => point.values[0] ?? null);
  const max = niceMax(Math.max(0, ...values.filter((value): value is number => value !== null)));
  const slot = plotWidth / Math.max(1, points.length);
  const position = (index: number, value: number) => ({ x: left + slot * (index + 0.5), y: top + plotHeight * (1 - value / max) });
  const segments: string[][] = [[]];
  const dots: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      segments.push([]);
      return;
    }
    const { x, y } = position(index, value);
    segments.at(-1)?.push(`${number(x)},${number(y)}`);
    dots.push(
      `<circle class="chart-dot" cx="${number(x)}" cy="${number(y)}" r="3.5"><title>${escapeHtml(`${points[index]?.day}: ${format(value)}`)}</title></circle>`,
    );
  });
  const lines = segments
    .filter((segment) => segment.length > 1)
    .map((segment) => `<polyline class="chart-line" fill="none" points="${segment.join(' ')}"/>`);
  return `${open('line-chart', title)}${frame(
    title,
    points.map((point) => point.day),
    max,
    format,
    slot,
  )}${lines.join('')}${dots.join('')}</svg>`;
}

/**
 * A rating's 95% interval as a small inline SVG: a line from low to high and a dot at the rating, on
 * the scale `[from, to]` shared by every row of the table (so rows compare at a glance).
 */
export function intervalSvg(rating: number, low: number, high: number, scale: { from: number; to: number }, label: string): string {
  const barWidth = 160;
  const span = Math.max(1e-9, scale.to - scale.from);
  const at = (value: number) => number(6 + ((Math.min(scale.to, Math.max(scale.from, value)) - scale.from) / span) * (barWidth - 12));
  return `<svg xmlns="http://www.w3.org/2000/svg" class="interval" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${barWidth} 16" width="${barWidth}" height="16"><title>${escapeHtml(label)}</title><line class="interval-axis" x1="6" x2="${barWidth - 6}" y1="8" y2="8"/><line class="interval-range" x1="${at(low)}" x2="${at(high)}" y1="8" y2="8"/><circle class="interval-rating" cx="${at(rating)}" cy="8" r="4"/></svg>`;
}
