import { toAdapterConfig } from './create-language-model.js';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from './registry.js';
import { loadWireFormat } from './wire-formats/wire-format-registry.js';

const remoteTimeoutMs = 30_000;

/** Asks the provider's own model list which model ids it serves, through its wire format's adapter. */
export async function listRemoteModels(model: ResolvedModel, env: Env = {}): Promise<string[]> {
  const adapter = await loadWireFormat(model.wireFormat);
  return adapter.listModels(toAdapterConfig(model, env), { timeoutMs: remoteTimeoutMs });
}
