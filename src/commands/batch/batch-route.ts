import { batchSupportFor, batchSupportTable, type BatchRoute, type NoBatchReason } from '../../batch-api/batch-support.js';
import type { BatchFormat } from '../../batch-api/batch-api.js';
import type { ResolvedModel } from '../../providers/registry.js';

/** Why a model's cells go through ordinary calls: the provider's own reason, or `off` in the config. */
export type OrdinaryReason = NoBatchReason | 'off' | 'model';

/** A model's batch route, or why it has none. */
export type ModelBatchRoute = { supported: true; route: BatchRoute } | { supported: false; reason: OrdinaryReason };

/** The documented route of this format at a provider of the table, else the plain one. */
function routeOf(provider: string, format: BatchFormat): BatchRoute {
  const entry = batchSupportTable[provider];
  if (entry && !('none' in entry) && entry.format === format) return { ...entry, hosts: [] };
  const endpoint = format === 'anthropic' ? '/v1/messages/batches' : '/v1/chat/completions';
  return { format, endpoint, hosts: [], maxRequests: null, sources: [] };
}

/**
 * Whether a model's cells can go through a batch API: the config's `batchApi` (a proxy or a test
 * server that speaks a batch format; `off`) wins over what `batchSupportFor` finds for the preset and
 * base URL. Providers run through a CLI or the mock have none.
 */
export function batchRouteOf(model: ResolvedModel): ModelBatchRoute {
  const configured = model.provider.batchApi;
  if (configured === 'off') return { supported: false, reason: 'off' };
  if (model.wireFormat !== 'openai' && model.wireFormat !== 'anthropic') return { supported: false, reason: 'local' };
  if (configured) return { supported: true, route: routeOf(model.provider.id, configured) };
  const found = batchSupportFor(model.provider.id, model.baseURL ?? '');
  if (!found.supported) return { supported: false, reason: found.reason };
  if (found.route.models && !found.route.models.includes(model.modelId)) return { supported: false, reason: 'model' };
  return { supported: true, route: found.route };
}

/** The route to read a stored batch with (status, results): its model's, else its stored format's plain one. */
export function storedRouteOf(model: ResolvedModel, format: BatchFormat): BatchRoute {
  const found = batchRouteOf(model);
  return found.supported && found.route.format === format ? found.route : routeOf(model.provider.id, format);
}
