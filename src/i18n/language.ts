import { createRunScope } from '../io/run-scope.js';

/** The interface languages: every message exists in both. */
export const languages = ['en', 'zh-CN'] as const;

/** One interface language. */
export type Language = (typeof languages)[number];

const scope = createRunScope<Language>();

/** Runs `work` (and everything it starts, timers and promises included) in `language`. */
export function runInLanguage<Result>(language: Language, work: () => Result): Result {
  return scope.run(language, work);
}

/** The language of the run this code belongs to; English outside any run (unit tests, libraries). */
export function currentLanguage(): Language {
  return scope.get() ?? 'en';
}
