import { formatCount } from '../format/format-metrics.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';
import { judgeRubric, type RubricKey } from '../judge/judge-rubric.js';
import { batchApiServer, type ModelResult } from '../run/model-result.js';

/** A rubric criterion's name in reports: its key (`factualCare`) in English, its short Chinese name (`事实严谨`) in zh-CN. */
export function rubricLabel(key: RubricKey): string {
  if (currentLanguage() !== 'zh-CN') return key;
  return judgeRubric[key].zh.split(/[:：]/)[0]?.trim() || key;
}

/** The status as plain text: ok (→ via the fallback), or the error type (partial). */
export function statusText(result: ModelResult): string {
  if (result.status === 'ok') {
    const via = servedNote(result);
    return via ? `${t('display.status.ok')} ${via}` : t('display.status.ok');
  }
  return `${result.error?.type ?? 'error'}${result.incomplete ? ` ${t('display.status.partial')}` : ''}`;
}

/** 字数 as a cell: the count, or an em dash without text. */
export const charsText = (result: ModelResult): string => (result.text ? String(result.chars) : '—');

/** `1234 chars · 3 min` / `1234 字 · 约 3 分钟`, for a draft's header; empty without text. */
export function lengthFacts(result: ModelResult): string {
  if (!result.text) return '';
  return `${t('display.report.chars', { chars: formatCount(result.chars) })} · ${t('display.readingMinutes', { minutes: Math.max(1, result.readingMinutes) })}`;
}

/** How an answer came other than from its model's own call: `(batch)`, or `→ via <fallback>`; empty when it did not. */
export function servedNote(result: ModelResult): string {
  if (result.servedBy === batchApiServer) return t('display.status.batch');
  return result.servedBy && result.servedBy !== result.model ? t('display.status.via', { model: result.servedBy }) : '';
}
