import type { Language } from '../../i18n/language.js';
import type {
  DuelsDocument,
  LeaderboardDocument,
  ProvidersDocument,
  RunDocument,
  RunsDocument,
  StatsDocument,
} from '../api/view-documents.js';

/** What every page renderer is given besides its document (the same shape as pages' PageContext). */
export interface ViewPageContext {
  language: Language;
  url: URL;
  assetVersion: string;
}

/** The page renderers the router calls (src/view/pages/index.ts): pure functions from documents to HTML. */
export interface ViewPages {
  renderRunsPage(doc: RunsDocument, context: ViewPageContext): string;
  renderRunPage(doc: RunDocument, context: ViewPageContext): string;
  renderVotePage(run: RunDocument, duels: DuelsDocument, context: ViewPageContext): string;
  renderLeaderboardPage(doc: LeaderboardDocument, context: ViewPageContext): string;
  renderStatsPage(doc: StatsDocument, context: ViewPageContext): string;
  renderProvidersPage(doc: ProvidersDocument, context: ViewPageContext): string;
  renderErrorPage(status: number, message: string, context: ViewPageContext): string;
}
