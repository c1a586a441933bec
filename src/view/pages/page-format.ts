import { t } from '../../i18n/translate.js';

export { formatCost } from '../../cost/compute-cost.js';
export { formatDuration } from '../../format/format-metrics.js';

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO time as the machine's local `2026-12-02 13:05` (the browser runs on the same machine); the text itself when it is not a date. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `<time>` with the ISO value kept in `datetime`. */
export const timeElement = (iso: string): string => `<time datetime="${iso.replace(/[^0-9A-Za-z:.+\-]/g, '')}">${localTime(iso)}</time>`;

/** `87.5%`; an em dash for null. */
export const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** A number with thousands separators; an em dash for null. */
export const formatNumber = (value: number | null): string => (value === null ? '—' : Math.round(value).toLocaleString('en-US'));

/** Yes / no in the page language. */
export const yesNo = (value: boolean): string => t(value ? 'viewPage.yes' : 'viewPage.no');
