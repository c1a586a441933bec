import { currentLanguage } from '../i18n/language.js';

/** Joins the clauses of one message in the run's language: `a; b` in English, `a；b` in Chinese. */
export function joinClauses(parts: readonly string[]): string {
  return parts.join(currentLanguage() === 'zh-CN' ? '；' : '; ');
}
