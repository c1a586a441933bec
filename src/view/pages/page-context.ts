import type { Language } from '../../i18n/language.js';

/** What every page renderer gets besides its document: the page language, the request URL and the assets' version. */
export interface PageContext {
  language: Language;
  /** The request's URL (its query carries filters, `prompt`, `lang`). */
  url: URL;
  /** Appended to the asset URLs (`?v=`), so a new build is never served from a stale cache. */
  assetVersion: string;
}
