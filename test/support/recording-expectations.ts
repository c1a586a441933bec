import type { ProviderErrorType } from '../../src/errors/provider-error.js';
import type { Recording } from './recorded-traffic.js';

/** Token counts as the recording states them, in the normalized meaning (input = the whole input). */
export interface ExpectedUsage {
  inputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
}

/** What a recording says the reply was, read straight off its events or body. */
export interface Expected {
  text: string;
  reasoning: string;
  /** The raw finish / stop reason, or null when the reply gave none. */
  finishReason: string | null;
  usage: ExpectedUsage;
  /** Whether the stream ended as its format says it must (finish reason or [DONE]; message_stop). */
  terminated: boolean;
  /** The error the reply carries (HTTP status ≥ 400, an error event or an error inside a 200), if any. */
  error: { status: number | null; body: unknown } | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const num = (...values: unknown[]): number | null => (values.find((value) => typeof value === 'number') as number | undefined) ?? null;

const parseData = (data: string): Json | null => {
  try {
    return JSON.parse(data) as Json;
  } catch {
    return null;
  }
};

/** `content` as a string or an array of parts: [text, reasoning]. */
function contentOf(content: unknown): [string, string] {
  if (typeof content === 'string') return [content, ''];
  if (!Array.isArray(content)) return ['', ''];
  let text = '';
  let reasoning = '';
  for (const part of content as Json[]) {
    if (part?.type === 'text') text += part.text ?? '';
    if (part?.type === 'thinking') {
      const thinking = part.thinking;
      reasoning +=
        typeof thinking === 'string' ? thinking : Array.isArray(thinking) ? thinking.map((piece: Json) => piece.text ?? '').join('') : '';
    }
  }
  return [text, reasoning];
}

/** Reasoning in the fields OpenAI-compatible servers use. */
const fieldReasoning = (message: Json): string =>
  message.reasoning_content || message.reasoning || (message.reasoning_details ?? []).map((detail: Json) => detail.text ?? '').join('');

/** A leading `<think>…</think>` is reasoning, not the answer. */
function withoutThinkTags(text: string): [string, string] {
  const match = /^\s*<think>([\s\S]*?)<\/think>\s*/.exec(text);
  return match ? [text.slice(match[0].length), match[1]!] : [text, ''];
}

function openAIUsage(usage: Json | null): ExpectedUsage {
  const input = num(usage?.prompt_tokens);
  return {
    inputTokens: input,
    cacheReadTokens: num(usage?.prompt_tokens_details?.cached_tokens, usage?.prompt_cache_hit_tokens, usage?.cached_tokens),
    cacheWriteTokens: num(usage?.prompt_tokens_details?.cache_write_tokens),
    outputTokens: num(usage?.completion_tokens),
    reasoningTokens: num(usage?.completion_tokens_details?.reasoning_tokens, usage?.output_tokens_details?.reasoning_tokens),
  };
}

function anthropicUsage(parts: Json[]): ExpectedUsage {
  const last = (name: string) => num(...parts.map((part) => part?.[name]).reverse());
  const uncached = last('input_tokens');
  const read = last('cache_read_input_tokens');
  const write = last('cache_creation_input_tokens');
  return {
    inputTokens: uncached === null ? null : uncached + (read ?? 0) + (write ?? 0),
    cacheReadTokens: read,
    cacheWriteTokens: write,
    outputTokens: last('output_tokens'),
    reasoningTokens: null,
  };
}

/** A 200 body that is an error (an `error` object, or a failed MiniMax `base_resp`) with no content. */
const errorInside = (body: Json | null): boolean =>
  !!body &&
  (typeof body.error === 'object' || (body.base_resp && Number(body.base_resp.status_code) !== 0)) &&
  !(Array.isArray(body.choices) && body.choices.length > 0) &&
  !(Array.isArray(body.content) && body.content.length > 0);

function readOpenAI(recording: Recording): Expected {
  const { response } = recording;
  let text = '';
  let reasoning = '';
  let finishReason: string | null = null;
  let usage: Json | null = null;
  let sawDone = false;
  let error: Expected['error'] = null;
  const bodies: Json[] = response.events
    ? response.events.flatMap((event) => {
        if (event.data.trim() === '[DONE]') sawDone = true;
        const body = parseData(event.data);
        return body ? [body] : [];
      })
    : [response.json as Json];
  for (const body of bodies) {
    // In a stream, any chunk with an `error` ends the reply (the SDK throws on it); in a body, only one without content.
    if (response.events ? body.error !== undefined && body.error !== null : errorInside(body)) {
      error = { status: response.events ? null : response.status, body };
      break;
    }
    const choice = body.choices?.[0];
    usage = body.usage ?? choice?.usage ?? usage;
    if (!choice) continue;
    const message = choice.delta ?? choice.message ?? {};
    const [partText, partReasoning] = contentOf(message.content);
    text += partText;
    reasoning += fieldReasoning(message) + partReasoning;
    finishReason = choice.finish_reason ?? finishReason;
  }
  const [answer, tagged] = withoutThinkTags(text);
  return {
    text: answer,
    reasoning: reasoning + tagged,
    finishReason,
    usage: openAIUsage(usage),
    terminated: !response.events || finishReason !== null || sawDone,
    error,
  };
}

function readAnthropic(recording: Recording): Expected {
  const { response } = recording;
  if (!response.events) {
    const body = response.json as Json;
    const blocks: Json[] = Array.isArray(body.content) ? body.content : [];
    return {
      text: blocks
        .filter((block) => block.type === 'text')
        .map((block) => block.text)
        .join(''),
      reasoning: blocks
        .filter((block) => block.type === 'thinking')
        .map((block) => block.thinking)
        .join('\n'),
      finishReason: body.stop_reason ?? null,
      usage: anthropicUsage([body.usage ?? {}]),
      terminated: true,
      error: errorInside(body) ? { status: response.status, body } : null,
    };
  }
  let text = '';
  let reasoning = '';
  let finishReason: string | null = null;
  let stopped = false;
  let error: Expected['error'] = null;
  const usageParts: Json[] = [];
  for (const event of response.events) {
    const body = parseData(event.data);
    if (!body) continue;
    if (body.type === 'error' || event.event === 'error') {
      error = { status: null, body };
      break;
    }
    if (body.type === 'message_start') usageParts.push(body.message?.usage ?? {});
    if (body.type === 'message_delta') {
      usageParts.push(body.usage ?? {});
      finishReason = body.delta?.stop_reason ?? finishReason;
    }
    if (body.type === 'content_block_delta' && body.delta?.type === 'text_delta') text += body.delta.text;
    if (body.type === 'content_block_delta' && body.delta?.type === 'thinking_delta') reasoning += body.delta.thinking;
    if (body.type === 'message_stop') stopped = true;
  }
  return { text, reasoning, finishReason, usage: anthropicUsage(usageParts), terminated: stopped, error };
}

/** What the recording says the reply was. */
export function expectedFrom(recording: Recording): Expected {
  if (recording.response.status >= 400) {
    const body = recording.response.json ?? recording.response.text ?? null;
    const empty: ExpectedUsage = {
      inputTokens: null,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      outputTokens: null,
      reasoningTokens: null,
    };
    return {
      text: '',
      reasoning: '',
      finishReason: null,
      usage: empty,
      terminated: true,
      error: { status: recording.response.status, body },
    };
  }
  return recording.format === 'anthropic' ? readAnthropic(recording) : readOpenAI(recording);
}

/** The HTTP status an error sent inside a stream or a 200 reply names for itself, if any. */
function statusInside(body: unknown): number | null {
  const inner = (body as Json | null)?.error ?? body;
  const declared = [inner?.status_code, inner?.http_code, inner?.code].map(Number).find((code) => code >= 400 && code <= 599);
  if (declared !== undefined) return declared;
  const byType: Record<string, number> = {
    invalid_request_error: 400,
    authentication_error: 401,
    permission_error: 403,
    rate_limit_error: 429,
  };
  return byType[String(inner?.type)] ?? null;
}

/**
 * The error type a recorded error means, from what the provider documents for its status and codes:
 * balance and quota errors (402; OpenAI `insufficient_quota`; Moonshot `exceeded_current_quota_error`;
 * GLM 1113 / 1304 / 1308; DashScope `Arrearage`; MiniMax 1008; "insufficient balance") are QUOTA_EXCEEDED
 * whatever their status; overload (`overloaded_error`, `engine_overloaded_error`, 529) OVERLOADED;
 * GLM 1301 / DashScope `data_inspection_failed` CONTENT_FILTER; then the HTTP status.
 */
export function documentedErrorType(error: NonNullable<Expected['error']>): ProviderErrorType {
  const raw = typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? '');
  const has = (pattern: RegExp) => pattern.test(raw);
  const status = error.status ?? statusInside(error.body);
  if (status === 402 || has(/insufficient_quota|exceeded_current_quota|Arrearage|insufficient balance|"1113"|"1304"|"1308"|余额|欠费/i)) {
    return 'QUOTA_EXCEEDED';
  }
  if (status === 529 || has(/overloaded/i)) return 'OVERLOADED';
  if (has(/"1301"|data_inspection_failed|content_filter|content_policy/)) return 'CONTENT_FILTER';
  if (has(/context_length_exceeded|prompt is too long|maximum context length/i)) return 'CONTEXT_LENGTH';
  switch (status) {
    case 400:
    case 422:
      return 'BAD_REQUEST';
    case 401:
      return 'AUTH';
    case 403:
      return 'PERMISSION';
    case 404:
      return 'MODEL_NOT_FOUND';
    case 408:
      return 'TIMEOUT';
    case 429:
      return 'RATE_LIMIT';
    default:
      return 'SERVER_ERROR';
  }
}
