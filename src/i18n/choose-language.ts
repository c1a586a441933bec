import type { Env } from '../io/env.js';
import type { Language } from './language.js';

/**
 * Reads a language name as people write it: `zh`, `zh-CN`, `zh_CN.UTF-8`, `cn`, `中文` → zh-CN;
 * `en`, `en_US.UTF-8`, `C`, `POSIX` → en. Anything else is null.
 */
export function parseLanguage(text: string | undefined): Language | null {
  const name = text?.trim().toLowerCase() ?? '';
  if (name === '') return null;
  if (/^(zh|cn|chinese|中文)([-_.@].*)?$/.test(name)) return 'zh-CN';
  if (/^(en|english|c|posix)([-_.@].*)?$/.test(name)) return 'en';
  return null;
}

/** Where the language came from, in the order they are asked. */
export interface LanguageSources {
  /** `--lang` */
  flag?: string;
  env: Env;
  /** `language:` of the config file */
  config?: string;
}

/**
 * `--lang`, else `WECHAT_WRITER_LANG`, else the config file's `language`, else the locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set, as POSIX reads them): `zh*` is zh-CN, anything
 * else English. An unreadable explicit choice falls through to the next source.
 */
export function chooseLanguage({ flag, env, config }: LanguageSources): Language {
  for (const explicit of [flag, env.WECHAT_WRITER_LANG, config]) {
    const language = parseLanguage(explicit);
    if (language) return language;
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== '');
  return parseLanguage(locale) === 'zh-CN' ? 'zh-CN' : 'en';
}
