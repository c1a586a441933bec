/** One message of a chat conversation, as every wire format understands it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a model is asked to do: the same for every provider. */
export interface GenerateRequest {
  /** Model id as the provider's API knows it (without the `provider:` prefix). */
  modelId: string;
  system: string | null;
  prompt: string;
  maxTokens: number | null;
  temperature: number | null;
  /** Longest wait for a response to start and for each next piece of a stream. */
  timeoutMs: number;
  /** Ask the provider to cache the system prompt and the brief (Anthropic `cache_control`). */
  cache?: boolean;
  signal?: AbortSignal;
}

/** Why generation stopped, in one vocabulary for every provider, plus what the API said. */
export interface FinishReason {
  unified: 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';
  raw: string | null;
}

/** Token counts as the API reported them; `null` means the API did not report that count. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
}

/** The normalized outcome of one successful call. */
export interface GenerateResult {
  text: string;
  reasoning: string | null;
  finishReason: FinishReason;
  usage: Usage;
  latencyMs: number;
  /** Time to the first streamed text; `null` when the call was not streamed. */
  ttftMs: number | null;
  /** The model id the API says it used. */
  responseModel: string | null;
  requestId: string | null;
  /** What the provider says the call cost (OpenRouter `usage.cost`); wins over the price table. */
  reportedCostUsd?: number | null;
}

/** Receives text as it streams in. */
export type DeltaListener = (delta: { text: string }) => void;

/** The one interface every adapter implements. */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  stream(request: GenerateRequest, onDelta: DeltaListener): Promise<GenerateResult>;
}

/** A usage object with every count unknown. */
export const emptyUsage = (): Usage => ({
  inputTokens: null,
  outputTokens: null,
  cacheReadTokens: null,
  cacheWriteTokens: null,
  reasoningTokens: null,
});
