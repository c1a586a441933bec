import { messages, type MessageKey } from './catalog/index.js';
import { currentLanguage, type Language } from './language.js';

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/**
 * The message `key` in the current language, its `{name}` placeholders filled from `params`
 * (a placeholder without a value stays as written, so a missing value shows instead of vanishing).
 */
export function t(key: MessageKey, params: MessageParams = {}, language: Language = currentLanguage()): string {
  const template = (messages[language] as Record<string, string>)[key] ?? (messages.en as Record<string, string>)[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole: string, name: string) => (name in params ? String(params[name]) : whole));
}
