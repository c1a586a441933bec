import type { ProviderErrorType } from '../errors/provider-error.js';
import type { FinishReason, Usage } from '../providers/language-model.js';

/** A failure as reported in JSON (`results[].error`). Never contains a key. */
export interface ResultError {
  type: ProviderErrorType;
  message: string;
  retryable: boolean;
  status: number | null;
  requestId: string | null;
}

/**
 * One model's outcome: the row of the JSON report. The CLI's `--json`, the table and the files all
 * read this same object.
 */
export interface ModelResult {
  /** Canonical `provider:model` id. */
  model: string;
  provider: string;
  status: 'ok' | 'error';
  text: string | null;
  reasoning: string | null;
  finishReason: FinishReason | null;
  usage: Usage;
  latencyMs: number;
  ttftMs: number | null;
  /** The model id the API says it used. */
  responseModel: string | null;
  requestId: string | null;
  /** Absolute path of the saved Markdown, when one was written. */
  outputFile: string | null;
  error: ResultError | null;
}
