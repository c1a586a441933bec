import { ProviderError } from '../errors/provider-error.js';
import type { ResolvedModel } from './registry.js';
import { mapSdkError } from './map-sdk-error.js';
import { nodeHttpFetch } from './node-http-fetch.js';

const remoteTimeoutMs = 30_000;

/** Asks the provider's `/models` endpoint which model ids it serves (through the SDK of its format). */
export async function listRemoteModels(model: ResolvedModel): Promise<string[]> {
  const apiKey = model.apiKey ?? 'not-needed';
  const context = {
    provider: model.provider.id,
    model: '(model list)',
    apiKeyEnv: model.apiKeyEnv,
    timeoutMs: remoteTimeoutMs,
    timedOut: false,
    cancelled: false,
    secrets: [model.apiKey],
  };
  const ids: string[] = [];
  if (model.wireFormat === 'anthropic') {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({
      apiKey,
      baseURL: model.baseURL ?? undefined,
      maxRetries: 0,
      fetch: nodeHttpFetch,
      timeout: remoteTimeoutMs,
      defaultHeaders: { ...model.headers, 'x-api-key': apiKey },
    });
    try {
      for await (const entry of client.models.list()) ids.push(entry.id);
    } catch (error) {
      throw mapSdkError(error, Anthropic, context);
    }
  } else if (model.wireFormat === 'openai') {
    const { default: OpenAI } = await import('openai');
    const azure = model.provider.quirks?.apiKeyHeader === 'api-key' ? { 'api-key': apiKey, Authorization: null } : {};
    const client = new OpenAI({
      apiKey,
      baseURL: model.baseURL ?? undefined,
      maxRetries: 0,
      fetch: nodeHttpFetch,
      timeout: remoteTimeoutMs,
      defaultHeaders: { ...model.headers, ...azure },
      defaultQuery: model.query,
    });
    try {
      for await (const entry of client.models.list()) ids.push(entry.id);
    } catch (error) {
      throw mapSdkError(error, OpenAI, context);
    }
  } else {
    return model.provider.models.map((entry) => entry.id);
  }
  return ids.sort();
}
