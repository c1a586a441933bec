import type { AdapterConfig } from '../adapter-config.js';
import type { LanguageModel, Usage } from '../language-model.js';
import type { SdkErrorClasses } from '../map-sdk-error.js';
import { endpointError } from './endpoint-error.js';
import { probeWithModelList } from './probe-with-model-list.js';
import type { EndpointCallOptions, WireFormatAdapter } from './wire-format-adapter.js';

/** What a wire format spoken through an official SDK brings; the rest of its adapter is the same for every SDK. */
export interface SdkWireFormatParts<Client> {
  createModel(config: AdapterConfig): LanguageModel;
  createClient(config: AdapterConfig, timeoutMs: number): Client;
  /** The SDK's error classes, to map what its calls throw. */
  errorClasses: SdkErrorClasses;
  /** Every model of the server's list, every page. */
  listModels(client: Client, signal: AbortSignal | undefined): AsyncIterable<{ id: string }>;
  /** The first page of the model list as sent (to tell a model list from another JSON reply). */
  firstModelPage(client: Client, signal: AbortSignal | undefined): Promise<unknown>;
  normalizeUsage(raw: unknown): Usage;
}

/** The adapter of a wire format spoken through an official SDK. */
export function sdkWireFormat<Client>(parts: SdkWireFormatParts<Client>): WireFormatAdapter {
  const guarded = async <T>(config: AdapterConfig, options: EndpointCallOptions, call: (client: Client) => Promise<T>): Promise<T> => {
    try {
      return await call(parts.createClient(config, options.timeoutMs));
    } catch (error) {
      throw endpointError(error, parts.errorClasses, config, options);
    }
  };
  return {
    createModel: parts.createModel,
    listModels: (config, options) =>
      guarded(config, options, async (client) => {
        const ids: string[] = [];
        for await (const entry of parts.listModels(client, options.signal)) ids.push(entry.id);
        return ids.sort();
      }),
    probeKey: (config, options, progress) =>
      probeWithModelList(
        config,
        options,
        progress,
        () => guarded(config, options, async (client) => ({ body: await parts.firstModelPage(client, options.signal) })),
        parts.createModel,
      ),
    normalizeUsage: parts.normalizeUsage,
  };
}
