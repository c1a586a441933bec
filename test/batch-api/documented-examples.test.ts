import { describe, expect, it } from 'vitest';
import type { BatchWhere } from '../../src/batch-api/batch-cell-errors.js';
import { readAnthropicBatchLine } from '../../src/batch-api/read-anthropic-batch-line.js';
import { readOpenAIBatchLine } from '../../src/batch-api/read-openai-batch-line.js';

// Result lines as the providers' documentation shows them (OpenAI Batch guide: an output line and an
// expired request in the error file; Anthropic batch-processing guide: a succeeded and an errored line).
const openaiOutput = {
  id: 'batch_req_123',
  custom_id: 'request-2',
  response: {
    status_code: 200,
    request_id: 'req_123',
    body: {
      id: 'chatcmpl-123',
      object: 'chat.completion',
      created: 1711652795,
      model: 'gpt-3.5-turbo-0125',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 22, completion_tokens: 2, total_tokens: 24 },
      system_fingerprint: 'fp_123',
    },
  },
  error: null,
};
const openaiExpired = {
  id: 'batch_req_123',
  custom_id: 'my-custom-id',
  response: null,
  error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
};
const anthropicSucceeded = {
  custom_id: 'my-second-request',
  result: {
    type: 'succeeded',
    message: {
      id: 'msg_014VwiXbi91y3JMjcpyGBHX5',
      type: 'message',
      role: 'assistant',
      model: 'claude-3-5-sonnet-20240620',
      content: [{ type: 'text', text: 'Hello again! How can I assist you today?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 11, output_tokens: 36 },
    },
  },
};
const anthropicErrored = {
  custom_id: 'my-third-request',
  result: { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'Validation error' } } },
};

const where: BatchWhere = { provider: 'p', model: 'm', batchId: 'batch_abc123', apiKeyEnv: 'P_API_KEY', secrets: [] };

describe('documented result lines', () => {
  it('reads the OpenAI guide output line and expired error line', () => {
    expect(readOpenAIBatchLine(openaiOutput, where, 1000)).toEqual({
      customId: 'request-2',
      ok: true,
      result: {
        text: 'Hello.',
        reasoning: null,
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: 22,
          noCacheInputTokens: 22,
          cacheReadTokens: null,
          cacheWriteTokens: null,
          outputTokens: 2,
          reasoningTokens: null,
        },
        responseModel: 'gpt-3.5-turbo-0125',
        requestId: 'req_123',
        reportedCostUsd: null,
        batchId: 'batch_abc123',
      },
    });
    expect(readOpenAIBatchLine(openaiExpired, where, 1000)).toMatchObject({ customId: 'my-custom-id', ok: false, reason: 'expired' });
  });

  it('reads the Anthropic guide succeeded and errored lines', () => {
    expect(readAnthropicBatchLine(anthropicSucceeded, where, 1000)).toMatchObject({
      customId: 'my-second-request',
      ok: true,
      result: {
        text: 'Hello again! How can I assist you today?',
        finishReason: { unified: 'stop', raw: 'end_turn' },
        usage: { inputTokens: 11, outputTokens: 36 },
        requestId: 'msg_014VwiXbi91y3JMjcpyGBHX5',
      },
    });
    expect(readAnthropicBatchLine(anthropicErrored, where, 1000)).toMatchObject({
      customId: 'my-third-request',
      ok: false,
      reason: 'errored',
      error: { type: 'BAD_REQUEST', message: expect.stringContaining('Validation error') as unknown },
    });
  });

  it('keeps a reply over the character limit as an error carrying the text cut to the limit', () => {
    const outcome = readOpenAIBatchLine(openaiOutput, where, 3);
    expect(outcome).toMatchObject({ ok: false, reason: 'errored', error: { type: 'BAD_RESPONSE', partialText: 'Hel' } });
  });
});
