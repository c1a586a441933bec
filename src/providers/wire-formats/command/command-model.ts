import { localProviderError, type ProviderError } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import { monotonicNow, type AdapterConfig } from '../../adapter-config.js';
import {
  usageFrom,
  type DeltaListener,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ReplySoFar,
} from '../../language-model.js';
import type { CommandFields, CommandTemplate } from '../../provider-preset.js';
import { defaultReplyLimits, replyTooLarge, withinCharLimit } from '../../reply-limits.js';
import { oneLine } from '../claude-code/map-claude-code-error.js';
import { commandNotFound, findCommand } from '../claude-code/find-command.js';
import { runCliProcess, type CliProcessExit } from '../claude-code/run-cli-process.js';
import { commandInvocation } from './command-invocation.js';
import { commandName, describedCommandFailure, exitFailure, processFailure, type CommandErrorContext } from './map-command-error.js';
import { newCommandReadState, readCommandDocument, type CommandReadState } from './read-command-fields.js';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const usageOf = (state: CommandReadState) =>
  usageFrom({
    inputTokens: state.inputTokens,
    cacheReadTokens: state.cachedInputTokens,
    outputTokens: state.outputTokens,
    reasoningTokens: state.reasoningTokens,
  });

const replySoFar = (state: CommandReadState): ReplySoFar => ({
  text: state.text,
  reasoning: state.reasoning,
  usage: usageOf(state),
  finishReason: null,
  responseModel: state.model,
  reportedCostUsd: state.costUsd,
});

/**
 * A model answered by any local CLI with a non-interactive mode (`type: command`), started from the
 * config's template without a shell. `text`: stdout is the draft, streamed as it comes (trailing
 * whitespace held back); `json`: one document read once the CLI ends; `jsonl`: one event per line,
 * text pieces streamed as deltas. A non-zero exit or an error field fails the call with the CLI's words.
 */
export function createCommandModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const env = config.env ?? process.env;
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;
  const maxBytes = config.maxReplyBytes ?? defaultReplyLimits.maxReplyBytes;
  const template: CommandTemplate = config.command ?? { command: '' };
  const output = template.output ?? 'text';
  const fields: CommandFields = template.fields ?? {};

  const call = async (request: GenerateRequest, onDelta: DeltaListener | null): Promise<GenerateResult> => {
    const where: CommandErrorContext = {
      provider: config.provider,
      model: request.modelId,
      secrets: [config.apiKey],
      command: commandName(template.command),
    };
    const file = findCommand(template.command, env);
    if (file === null) throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${commandNotFound('command', template)}`, where);
    const state = newCommandReadState();
    const started = now();
    let ttftMs: number | null = null;
    let heldBack = '';
    let raw = '';
    const emit = (piece: string) => {
      if (state.text.length > maxChars) {
        throw localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${t('cliProvider.tooLong', { limit: maxChars })}`, where);
      }
      if (onDelta && piece !== '') {
        ttftMs ??= now() - started;
        onDelta({ text: piece });
      }
    };
    // text: stdout is the draft; whitespace at the end is held back until more text follows it
    const onChunk = (chunk: string) => {
      const all = state.text === '' && heldBack === '' ? chunk.replace(/^\s+/, '') : heldBack + chunk;
      const body = all.replace(/\s+$/, '');
      heldBack = all.slice(body.length);
      state.text += body;
      emit(body);
    };
    const onLine = (line: string) => {
      const event = parseJson(line);
      if (!isObject(event)) {
        state.skipped ??= line;
        return;
      }
      readCommandDocument(event, fields, state, emit);
    };
    const invocation = commandInvocation(template, request);
    let exit: CliProcessExit;
    try {
      exit = await runCliProcess({
        file,
        args: invocation.args,
        stdin: invocation.stdin,
        env,
        timeoutMs: request.timeoutMs,
        signal: request.signal,
        onLine: output === 'jsonl' ? onLine : () => {},
        onChunk: output === 'jsonl' ? undefined : output === 'text' ? onChunk : (chunk) => void (raw += chunk),
        maxStdoutBytes: maxBytes,
        tooLarge: () => replyTooLarge(where, maxBytes),
      });
    } catch (error) {
      throw processFailure(error, where, request.timeoutMs).withReply(replySoFar(state));
    }
    if (output === 'json') readJsonOutput(raw, exit, state);
    const failure = outcomeFailure(exit, state, where);
    if (failure !== null) throw failure.withReply(replySoFar(state));
    return withinCharLimit(
      {
        text: state.text,
        reasoning: state.reasoning,
        finishReason: { unified: 'stop', raw: null },
        usage: usageOf(state),
        latencyMs: now() - started,
        ttftMs: onDelta ? ttftMs : null,
        responseModel: state.model,
        requestId: null,
        reportedCostUsd: state.costUsd,
      } satisfies GenerateResult,
      maxChars,
      where,
    );
  };

  /** `json`: the one document on stdout; a failing CLI may print its error document on stderr instead (Gemini CLI does). */
  const readJsonOutput = (raw: string, exit: CliProcessExit, state: CommandReadState) => {
    const document = parseJson(raw.trim());
    if (isObject(document)) return readCommandDocument(document, fields, state, () => {});
    if (raw.trim() !== '') state.skipped = raw.trim();
    const onStderr = exit.code !== 0 ? parseJson(exit.stderr.trim()) : undefined;
    if (isObject(onStderr)) readCommandDocument(onStderr, { error: fields.error }, state, () => {});
  };

  /** Why the call failed, or null: an error field, a non-zero exit, output that is not JSON, no text. */
  const outcomeFailure = (exit: CliProcessExit, state: CommandReadState, where: CommandErrorContext): ProviderError | null => {
    if (state.error !== null) return describedCommandFailure(state.error, where);
    if (exit.code !== 0) return exitFailure(exit, where);
    if (output !== 'text' && state.documents === 0) {
      const line = oneLine(state.skipped ?? '', where.secrets, 120);
      return localProviderError(
        'BAD_RESPONSE',
        `BAD_RESPONSE: ${t('cliProvider.command.notJson', { command: where.command, output, line })}`,
        where,
      );
    }
    if (state.text.trim() === '') {
      return localProviderError(
        'BAD_RESPONSE',
        `BAD_RESPONSE: ${t('cliProvider.command.noText', { command: where.command, output })}`,
        where,
      );
    }
    return null;
  };

  return {
    provider: config.provider,
    modelId: config.modelId,
    generate: (request) => call(request, null),
    stream: (request, onDelta) => call(request, onDelta),
  };
}
