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

/**
 * Token counts with one meaning for every wire format (as the Vercel AI SDK's usage): the total
 * input, of which cache read, cache write and not cached; the output, of which reasoning. `null`
 * means the API did not report that count (and it could not be derived).
 */
export interface Usage {
  /** Every input token, cached or not. */
  inputTokens: number | null;
  /** Of the input: tokens neither read from nor written to the prompt cache. */
  noCacheInputTokens: number | null;
  /** Of the input: tokens read from the prompt cache. */
  cacheReadTokens: number | null;
  /** Of the input: tokens written to the prompt cache. */
  cacheWriteTokens: number | null;
  /** Every output token, reasoning included. */
  outputTokens: number | null;
  /** Of the output: reasoning (thinking) tokens. */
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
  noCacheInputTokens: null,
  cacheReadTokens: null,
  cacheWriteTokens: null,
  outputTokens: null,
  reasoningTokens: null,
});

/** Counts as a wire format reports them: the input either as a total or as its uncached part. */
export interface UsageCounts {
  inputTokens?: number | null;
  noCacheInputTokens?: number | null;
  cacheReadTokens?: number | null;
  cacheWriteTokens?: number | null;
  outputTokens?: number | null;
  reasoningTokens?: number | null;
}

const known = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** Normalized usage from what a format reported: the total input or its uncached part is derived from the other. */
export function usageFrom(counts: UsageCounts): Usage {
  const cacheRead = known(counts.cacheReadTokens) ? counts.cacheReadTokens : null;
  const cacheWrite = known(counts.cacheWriteTokens) ? counts.cacheWriteTokens : null;
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  const total = known(counts.inputTokens) ? counts.inputTokens : null;
  const noCache = known(counts.noCacheInputTokens) ? counts.noCacheInputTokens : null;
  return {
    inputTokens: total ?? (noCache === null ? null : noCache + cached),
    noCacheInputTokens: noCache ?? (total === null ? null : Math.max(0, total - cached)),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: known(counts.outputTokens) ? counts.outputTokens : null,
    reasoningTokens: known(counts.reasoningTokens) ? counts.reasoningTokens : null,
  };
}

/** What a call had received when it failed: kept on the failed result (and its cost computed from it). */
export interface ReplySoFar {
  /** The answer text that arrived (reasoning excluded); '' when none. */
  text: string;
  reasoning: string | null;
  usage: Usage;
  finishReason: FinishReason | null;
  responseModel: string | null;
  reportedCostUsd?: number | null;
}
