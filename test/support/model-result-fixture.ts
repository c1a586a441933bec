import { emptyUsage } from '../../src/providers/language-model.js';
import { countWriting } from '../../src/text/count-writing.js';
import type { ModelResult } from '../../src/run/model-result.js';

/** A successful result with plausible metrics, for table and report tests. */
export const okResult = (model: string, text: string | null, overrides: Partial<ModelResult> = {}): ModelResult => ({
  model,
  provider: model.split(':')[0] ?? '',
  status: 'ok',
  servedBy: model,
  text,
  ...countWriting(text ?? ''),
  reasoning: null,
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { ...emptyUsage(), inputTokens: 12, outputTokens: 345 },
  costUsd: null,
  latencyMs: 1234,
  ttftMs: 210,
  responseModel: null,
  requestId: null,
  attempts: 1,
  incomplete: false,
  fallback: null,
  warnings: [],
  outputFile: null,
  error: null,
  ...overrides,
});
