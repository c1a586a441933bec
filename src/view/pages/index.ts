export type { PageContext } from './page-context.js';
export { renderErrorPage } from './error-page.js';
export { renderLeaderboardPage } from './leaderboard-page.js';
export { renderProvidersPage } from './providers-page.js';
export { renderRunPage } from './run-page.js';
export { renderRunsPage } from './runs-page.js';
export { renderStatsPage } from './stats-page.js';
export { renderVotePage } from './vote-page.js';
