import { escapeHtml } from './escape-html.js';

/** One bar: a label and a value, or null when unknown. */
export interface BarDatum {
  label: string;
  value: number | null;
}

const rowHeight = 26;
const labelWidth = 190;
const barAreaWidth = 250;
const valueWidth = 90;

/** A small horizontal bar chart as inline SVG (no scripts, no external resources). */
export function barChartSvg(title: string, data: readonly BarDatum[], format: (value: number) => string): string {
  const known = data.map((datum) => datum.value).filter((value): value is number => value !== null);
  const max = Math.max(...known, 0);
  const height = data.length * rowHeight + 8;
  const width = labelWidth + barAreaWidth + valueWidth;
  const rows = data.map((datum, index) => {
    const y = index * rowHeight + 4;
    const barWidth = datum.value === null || max === 0 ? 0 : Math.max(2, (datum.value / max) * barAreaWidth);
    const valueText = datum.value === null ? '—' : format(datum.value);
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="bar-label">${escapeHtml(datum.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" rx="3" class="bar"><title>${escapeHtml(`${datum.label}: ${valueText}`)}</title></rect>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 17}" class="bar-value">${escapeHtml(valueText)}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg>`;
}
