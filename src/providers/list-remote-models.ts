import { ProviderError } from '../errors/provider-error.js';
import { toAdapterConfig } from './create-language-model.js';
import type { Env } from '../io/env.js';
import { redactSecrets } from './redact-secrets.js';
import { secretsOf, type ResolvedModel } from './registry.js';
import { loadWireFormat } from './wire-formats/wire-format-registry.js';

const remoteTimeoutMs = 30_000;

/**
 * Asks the provider's own model list which model ids it serves, through its wire format's adapter.
 * The ids and a failure's message come from a server: every secret of the model is redacted.
 */
export async function listRemoteModels(model: ResolvedModel, env: Env = {}): Promise<string[]> {
  const adapter = await loadWireFormat(model.wireFormat);
  const secrets = secretsOf(model);
  try {
    const ids = await adapter.listModels(toAdapterConfig(model, env), { timeoutMs: remoteTimeoutMs });
    return ids.map((id) => redactSecrets(id, secrets, { keyShapes: false }));
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw new ProviderError({ ...error.fields(), message: redactSecrets(error.message, secrets) });
  }
}
