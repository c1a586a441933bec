import { localProviderError } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import { monotonicNow, type AdapterConfig } from '../../adapter-config.js';
import type { DeltaListener, GenerateRequest, GenerateResult, LanguageModel } from '../../language-model.js';
import { mapAnthropicFinishReason } from '../anthropic/map-anthropic-finish-reason.js';
import { defaultReplyLimits, replyTooLarge, withinCharLimit } from '../../reply-limits.js';
import { claudeCodeInstall, findCommand } from './find-command.js';
import { exitError, oneLine, resultError, type ClaudeErrorContext } from './map-claude-code-error.js';
import { claudeAnswer, claudeReplySoFar, newClaudeRunState, NotStreamJsonError, readClaudeEvent } from './read-claude-events.js';
import { cliProcessFailure, type CliFailureWords } from './cli-process-failure.js';
import { runCliProcess } from './run-cli-process.js';

/**
 * The arguments of one non-interactive call: print mode, JSON events, the model, our system prompt in
 * place of Claude Code's own, no tools (a writer, not an agent), no session kept. The prompt is not
 * among them: it goes to stdin.
 */
export function claudeCodeArgs(request: GenerateRequest, streamed: boolean): string[] {
  return [
    '-p',
    '--output-format',
    'stream-json',
    // stream-json needs --verbose in print mode
    '--verbose',
    ...(streamed ? ['--include-partial-messages'] : []),
    '--model',
    request.modelId,
    ...(request.system ? ['--system-prompt', request.system] : []),
    '--tools',
    '',
    '--no-session-persistence',
  ];
}

/** A model answered by the local Claude Code CLI (`claude -p`), on the user's own login or subscription. */
export function createClaudeCodeModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const env = config.env ?? process.env;
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;
  const maxBytes = config.maxReplyBytes ?? defaultReplyLimits.maxReplyBytes;
  const command = config.command?.command ?? 'claude';

  const call = async (request: GenerateRequest, onDelta: DeltaListener | null): Promise<GenerateResult> => {
    const where: ClaudeErrorContext = { provider: config.provider, model: request.modelId, secrets: [config.apiKey] };
    const file = findCommand(command, env);
    if (file === null) {
      throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${t('cliProvider.notFound', { command, install: claudeCodeInstall })}`, where);
    }
    const state = newClaudeRunState();
    const started = now();
    let ttftMs: number | null = null;
    const onText = (piece: string) => {
      if (state.streamed.length + state.assistant.length > maxChars) throw replyTooLargeChars();
      if (onDelta) {
        ttftMs ??= now() - started;
        onDelta({ text: piece });
      }
    };
    const replyTooLargeChars = () =>
      localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${t('cliProvider.tooLong', { limit: maxChars })}`, where);
    let exit;
    try {
      exit = await runCliProcess({
        file,
        args: claudeCodeArgs(request, onDelta !== null),
        stdin: request.prompt,
        env,
        timeoutMs: request.timeoutMs,
        signal: request.signal,
        onLine: (line) => readClaudeEvent(line, state, onText),
        isDone: () => state.result !== null,
        maxStdoutBytes: maxBytes,
        tooLarge: () => replyTooLarge(where, maxBytes),
      });
    } catch (error) {
      throw cliProcessFailure(error, where, request.timeoutMs, claudeFailureWords).withReply(claudeReplySoFar(state));
    }
    const result = state.result;
    if (result !== null && (result.is_error === true || (result.subtype !== undefined && result.subtype !== 'success'))) {
      throw resultError(result, where).withReply(claudeReplySoFar(state));
    }
    if (result === null) throw exitError(exit, where).withReply(claudeReplySoFar(state));
    return withinCharLimit(
      {
        text: claudeAnswer(state),
        reasoning: state.reasoning,
        finishReason: state.stopReason === null ? { unified: 'stop', raw: null } : mapAnthropicFinishReason(state.stopReason),
        usage: state.usage,
        latencyMs: now() - started,
        ttftMs: onDelta ? ttftMs : null,
        responseModel: state.model,
        requestId: state.sessionId,
        reportedCostUsd: typeof result.total_cost_usd === 'number' ? result.total_cost_usd : null,
      } satisfies GenerateResult,
      maxChars,
      where,
    );
  };

  return {
    provider: config.provider,
    modelId: config.modelId,
    generate: (request) => call(request, null),
    stream: (request, onDelta) => call(request, onDelta),
  };
}

/** How claude-code words a run stopped before the CLI ended on its own (see cliProcessFailure). */
const claudeFailureWords: CliFailureWords = {
  cannotStart: (detail) => t('cliProvider.cannotStart', { detail }),
  readFailure: (error, where) => {
    if (!(error.cause instanceof NotStreamJsonError)) return null;
    const line = oneLine(error.cause.line, where.secrets, 120);
    return localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${t('cliProvider.notJson', { line })}`, where, {}, error);
  },
};
