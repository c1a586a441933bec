import type { AdapterConfig } from '../adapter-config.js';
import type { LanguageModel, Usage } from '../language-model.js';

/** Bounds of a call that is not a generation (a model list, a key probe). */
export interface EndpointCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Monotonic clock in milliseconds (for what is left of `timeoutMs`). */
  now?: () => number;
}

/**
 * How a key probe got its answer: the model list, a 1-token call where the server has no model list,
 * or (a local CLI provider) running its command's `--version`.
 */
export type KeyProbeMethod = 'models' | 'generate' | 'command';

/** What a key probe learned, also when it failed (then it throws a ProviderError). */
export interface KeyProbeProgress {
  /** Whether any HTTP response came back (the endpoint is reachable). */
  answered: boolean;
  method: KeyProbeMethod;
}

/**
 * Everything one wire format knows, in one object: how to build a model, list a server's models,
 * probe a key for `doctor`, and read its usage. Nothing outside its folder knows a format's details;
 * adding a format is one folder and one line in the wire-format registry.
 */
export interface WireFormatAdapter {
  /** A model of this format for one resolved model and key. */
  createModel(config: AdapterConfig): LanguageModel;
  /** The model ids the server lists (every page). Throws a ProviderError. */
  listModels(config: AdapterConfig, options: EndpointCallOptions): Promise<string[]>;
  /**
   * Checks that the endpoint answers and accepts the key: the model list, or a 1-token call with
   * `config.modelId` where the list answers 404/405. Throws a ProviderError; `progress` tells how far it got.
   */
  probeKey(config: AdapterConfig, options: EndpointCallOptions, progress: KeyProbeProgress): Promise<void>;
  /** The format's usage object in the one normalized meaning. */
  normalizeUsage(raw: unknown): Usage;
}
