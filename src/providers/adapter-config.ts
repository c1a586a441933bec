import type { CommandTemplate } from './provider-preset.js';

/** What an adapter needs to reach one model; built by the registry from env and preset data. */
export interface AdapterConfig {
  provider: string;
  modelId: string;
  apiKey: string | null;
  /** '' for a provider run through a local CLI (it has `command` instead). */
  baseURL: string;
  /** What a provider run through a local CLI starts (`claude-code`, `command`). */
  command?: CommandTemplate;
  /** The env var the key came from, named in AUTH errors. */
  apiKeyEnv: string | null;
  /** Chat Completions output-length parameter this endpoint accepts. */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  /** Extra headers and query parameters the preset asks for. */
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Send the key in Azure's `api-key` header instead of `Authorization: Bearer`. */
  apiKeyHeader?: 'authorization' | 'api-key';
  /** Monotonic clock in milliseconds. */
  now?: () => number;
  /** The HTTP client the SDK uses; default `nodeHttpFetch` over the proxy variables in `env`. */
  fetch?: typeof fetch;
  /** The environment (the mock reads its settings there, the HTTP client HTTPS_PROXY/HTTP_PROXY/NO_PROXY). */
  env?: Record<string, string | undefined>;
  /** The model ids the preset knows (what the mock lists as its "remote" models). */
  knownModels?: readonly string[];
  /** Most bytes of (decompressed) body one call may receive; default 16 MiB (see reply-limits.ts). */
  maxReplyBytes?: number;
  /** Most characters of text plus reasoning one call may bring; default 2,000,000. */
  maxReplyChars?: number;
}

/** Default monotonic clock. */
export const monotonicNow = (): number => performance.now();
