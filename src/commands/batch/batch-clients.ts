import type { BatchApi } from '../../batch-api/batch-api.js';
import { readMaxBatchFileBytes } from '../../batch-api/batch-limits.js';
import type { BatchRoute } from '../../batch-api/batch-support.js';
import { createBatchApi } from '../../batch-api/create-batch-api.js';
import type { Settings } from '../../config/settings.js';
import type { Env } from '../../io/env.js';
import { toAdapterConfig } from '../../providers/create-language-model.js';
import { resolveModel, secretsOf, type ResolvedModel } from '../../providers/registry.js';
import type { StoredBatch } from '../../store/batch-store.js';
import { storedRouteOf } from './batch-route.js';

/** A model's batch API at a route: the same key, base URL, headers and proxies as its ordinary calls. */
export function batchApiOf(model: ResolvedModel, route: BatchRoute, env: Env): BatchApi {
  return createBatchApi(toAdapterConfig(model, env), route, { secrets: secretsOf(model), maxFileBytes: readMaxBatchFileBytes(env) });
}

/**
 * The batch API of each stored batch, from the config and environment of this process (the history
 * holds no key or base URL): one client per model. A model that cannot be resolved any more (its
 * key unset, its provider gone from the config) is a UsageError naming it.
 */
export function storedBatchClients(settings: Settings, env: Env): (batch: StoredBatch) => BatchApi {
  const clients = new Map<string, BatchApi>();
  return (batch) => {
    const key = `${batch.model}\u0000${batch.handle.format}`;
    const known = clients.get(key);
    if (known) return known;
    const model = resolveModel(batch.model, env, settings.catalog);
    const api = batchApiOf(model, storedRouteOf(model, batch.handle.format), env);
    clients.set(key, api);
    return api;
  };
}
