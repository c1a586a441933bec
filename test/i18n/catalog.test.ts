import { describe, expect, it } from 'vitest';
import { catalogs, messages } from '../../src/i18n/catalog/index.js';
import { chooseLanguage, parseLanguage } from '../../src/i18n/choose-language.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { t } from '../../src/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the message catalogue', () => {
  it('has every message in both languages, with the same placeholders, none empty', () => {
    const english = Object.keys(messages.en).sort();
    const chinese = Object.keys(messages['zh-CN']).sort();
    expect(chinese).toEqual(english);
    for (const key of english) {
      const en = (messages.en as Record<string, string>)[key]!;
      const zh = messages['zh-CN'][key]!;
      expect(en.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });

  it('keeps each area to keys of its own, so no two areas share a key', () => {
    const seen = new Map<string, number>();
    catalogs.forEach((catalog, index) => {
      for (const key of Object.keys(catalog.en)) {
        expect(seen.has(key), key).toBe(false);
        seen.set(key, index);
        expect(Object.keys(catalog['zh-CN'])).toContain(key);
      }
      expect(Object.keys(catalog['zh-CN']).sort()).toEqual(Object.keys(catalog.en).sort());
    });
  });

  it('writes Chinese messages in Chinese', () => {
    // a text without Chinese characters may be a symbol, a unit or a name (、, Token), not an English sentence
    const withoutHan = Object.entries(messages['zh-CN']).filter(
      ([key, text]) =>
        !/\p{Script=Han}/u.test(text) &&
        text !== (messages.en as Record<string, string>)[key] &&
        (text.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 2,
    );
    expect(withoutHan).toEqual([]);
  });
});

describe('choosing the language', () => {
  it('reads the names people write', () => {
    expect(parseLanguage('zh_CN.UTF-8')).toBe('zh-CN');
    expect(parseLanguage('zh-TW')).toBe('zh-CN');
    expect(parseLanguage('cn')).toBe('zh-CN');
    expect(parseLanguage('en_US.UTF-8')).toBe('en');
    expect(parseLanguage('C')).toBe('en');
    expect(parseLanguage('fr_FR')).toBeNull();
  });

  it('asks --lang, then WECHAT_WRITER_LANG, then the config, then the locale', () => {
    const env = { WECHAT_WRITER_LANG: 'zh', LANG: 'en_US.UTF-8' };
    expect(chooseLanguage({ flag: 'en', env, config: 'zh' })).toBe('en');
    expect(chooseLanguage({ env, config: 'en' })).toBe('zh-CN');
    expect(chooseLanguage({ env: { LANG: 'en_US.UTF-8' }, config: 'zh-CN' })).toBe('zh-CN');
    expect(chooseLanguage({ env: { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' } })).toBe('zh-CN');
    expect(chooseLanguage({ env: { LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8' } })).toBe('zh-CN');
    expect(chooseLanguage({ env: { LANG: 'fr_FR.UTF-8' } })).toBe('en');
    expect(chooseLanguage({ env: {} })).toBe('en');
  });

  it('keeps each run in its own language, even two at once', async () => {
    const key = Object.keys(messages.en)[0] as keyof typeof messages.en | undefined;
    if (key === undefined) return;
    const [en, zh] = await Promise.all([
      runInLanguage('en', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return t(key);
      }),
      runInLanguage('zh-CN', async () => t(key)),
    ]);
    expect(en).toBe((messages.en as Record<string, string>)[key]);
    expect(zh).toBe(messages['zh-CN'][key]);
  });
});
