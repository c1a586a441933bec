import { emptyUsage, type ReplySoFar, type Usage } from '../../language-model.js';
import { mapAnthropicFinishReason } from '../anthropic/map-anthropic-finish-reason.js';
import { mapAnthropicUsage, type AnthropicUsage } from '../anthropic/map-anthropic-usage.js';

/** The final `result` event of `claude -p --output-format stream-json`, as far as we read it. */
export interface ClaudeResultEvent {
  type: 'result';
  subtype?: string;
  is_error?: boolean;
  result?: unknown;
  errors?: unknown;
  stop_reason?: string | null;
  total_cost_usd?: number;
  usage?: AnthropicUsage;
  session_id?: string;
  api_error_status?: number | null;
}

/** What the events of one run have brought so far. */
export interface ClaudeRunState {
  /** Text streamed in `stream_event` deltas (with `--include-partial-messages`). */
  streamed: string;
  /** Text of whole `assistant` messages. */
  assistant: string;
  reasoning: string | null;
  stopReason: string | null;
  usage: Usage;
  model: string | null;
  sessionId: string | null;
  result: ClaudeResultEvent | null;
}

/** A state with nothing read yet. */
export const newClaudeRunState = (): ClaudeRunState => ({
  streamed: '',
  assistant: '',
  reasoning: null,
  stopReason: null,
  usage: emptyUsage(),
  model: null,
  sessionId: null,
  result: null,
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The answer as read: the streamed text, else the assistant messages' text, else the result's. */
export const claudeAnswer = (state: ClaudeRunState): string => state.streamed || state.assistant || text(state.result?.result);

/** What the run had brought, for a failure to carry. */
export const claudeReplySoFar = (state: ClaudeRunState): ReplySoFar => ({
  text: claudeAnswer(state),
  reasoning: state.reasoning,
  usage: state.usage,
  finishReason: state.stopReason === null ? null : mapAnthropicFinishReason(state.stopReason),
  responseModel: state.model,
  reportedCostUsd: typeof state.result?.total_cost_usd === 'number' ? state.result.total_cost_usd : null,
});

/** Thrown for a stdout line that is not a JSON object: the CLI is not speaking stream-json. */
export class NotStreamJsonError extends Error {
  constructor(readonly line: string) {
    super('NotStreamJson');
  }
}

/**
 * Reads one stdout line into the state. Text deltas go to `onText` as they come; an `assistant`
 * message's text goes there only when no delta came (a CLI without partial messages). Unknown events
 * (hooks, retries, rate-limit notices) are skipped; a line that is not JSON throws NotStreamJsonError.
 */
export function readClaudeEvent(line: string, state: ClaudeRunState, onText: (piece: string) => void): void {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    throw new NotStreamJsonError(line);
  }
  if (!isObject(event)) throw new NotStreamJsonError(line);
  if (typeof event.session_id === 'string') state.sessionId = event.session_id;
  if (event.type === 'system' && event.subtype === 'init') {
    state.model = text(event.model) || state.model;
  } else if (event.type === 'stream_event' && isObject(event.event)) {
    const inner = event.event;
    if (inner.type === 'message_start' && isObject(inner.message)) {
      state.model = text(inner.message.model) || state.model;
    } else if (inner.type === 'content_block_delta' && isObject(inner.delta)) {
      if (inner.delta.type === 'text_delta' && text(inner.delta.text) !== '') {
        state.streamed += text(inner.delta.text);
        onText(text(inner.delta.text));
      } else if (inner.delta.type === 'thinking_delta') {
        state.reasoning = (state.reasoning ?? '') + text(inner.delta.thinking);
      }
    } else if (inner.type === 'message_delta' && isObject(inner.delta)) {
      state.stopReason = text(inner.delta.stop_reason) || state.stopReason;
    }
  } else if (event.type === 'assistant' && isObject(event.message)) {
    const message = event.message;
    const blocks = Array.isArray(message.content) ? message.content.filter(isObject) : [];
    const said = blocks
      .filter((block) => block.type === 'text')
      .map((block) => text(block.text))
      .join('');
    const thought = blocks.filter((block) => block.type === 'thinking').map((block) => text(block.thinking));
    if (said !== '' && state.streamed === '') onText(said);
    state.assistant += said;
    if (thought.length > 0 && state.streamed === '') state.reasoning = (state.reasoning ?? '') + thought.join('\n');
    state.model = text(message.model) || state.model;
    state.stopReason = text(message.stop_reason) || state.stopReason;
    state.usage = mapAnthropicUsage(message.usage as AnthropicUsage, state.usage);
  } else if (event.type === 'result') {
    const result = event as unknown as ClaudeResultEvent;
    state.result = result;
    // The result's usage covers the whole run: it replaces the per-message counts.
    if (isObject(result.usage)) state.usage = mapAnthropicUsage(result.usage);
    state.stopReason = text(result.stop_reason) || state.stopReason;
  }
}
