/** A catalogue: English messages, and the same keys in Chinese (the compiler checks both have all). */
export interface MessageCatalog<Keys extends string> {
  en: Record<Keys, string>;
  'zh-CN': Record<Keys, string>;
}

/**
 * Declares one area's messages in both languages. Placeholders are `{name}`; both texts of a key use
 * the same placeholders (a test checks it).
 */
export function defineMessages<const English extends Record<string, string>>(
  en: English,
  zh: Record<keyof English & string, string>,
): MessageCatalog<keyof English & string> {
  return { en, 'zh-CN': zh };
}
