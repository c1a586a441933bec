import { t } from '../../i18n/translate.js';
import { ViewError } from './view-error.js';

/** One route: a method, a path pattern (its groups become `params`), and what answers it. */
export interface Route<Context> {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(context: Context, params: string[]): Promise<void>;
}

/** The route for a request and its path parameters; 404 when no path matches, 405 when only the method is wrong. */
export function findRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  pathname: string,
): { route: Route<Context>; params: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    if (route.method === method) return { route, params: match.slice(1) };
    allowed.push(route.method);
  }
  if (allowed.length > 0) {
    throw new ViewError(405, t('viewServer.error.method', { method, allowed: allowed.join(', ') }), { Allow: allowed.join(', ') });
  }
  throw new ViewError(404, t('viewServer.error.notFound', { path: pathname.slice(0, 100) }));
}
