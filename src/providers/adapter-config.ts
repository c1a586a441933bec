/** What an adapter needs to reach one model; built by the registry from env and preset data. */
export interface AdapterConfig {
  provider: string;
  modelId: string;
  apiKey: string | null;
  baseURL: string;
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
}

/** Default monotonic clock. */
export const monotonicNow = (): number => performance.now();
