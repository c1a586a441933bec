/**
 * The wire objects of the fake batch server (test/support/fake-batch-server.ts), in both formats.
 * Shapes follow the OpenAI API reference (the batch and file objects, "the request output object" of
 * output and error files, the documented `batch_expired` / `batch_cancelled` error codes) and the
 * Anthropic SDK's `MessageBatch` / `MessageBatchIndividualResponse` types (openai 6.49,
 * @anthropic-ai/sdk 1.12); the values are made up, with a fixed clock.
 */

export const nowSeconds = 1_764_633_600; // fixed: 2025-12-02T00:00:00Z, never the wall clock

/** How the server answers one cell (by custom id); default: a success `reply to <id>`. */
export interface FakeBatchCell {
  text?: string;
  /** Fail the cell: OpenAI error-file line with this HTTP status, Anthropic `errored` result. */
  error?: { status: number; type: string; message: string; code?: string };
  /** Pad the result line with this many bytes (a line over the reply limit). */
  padBytes?: number;
  /** Send this line instead of the real one (garbage, a line without custom_id). */
  rawLine?: string;
}

/** One cell of a batch on the server. */
export interface BatchCellState {
  customId: string;
  model: string;
  done: boolean;
}

/** A batch on the server, in either format. */
export interface FakeBatch {
  id: string;
  format: 'openai' | 'anthropic';
  status: string;
  cells: BatchCellState[];
  /** How the batch ended for cells never processed. */
  notRun: 'expired' | 'cancelled' | null;
  polls: number;
  inputFileId: string | null;
  outputFileId: string | null;
  errorFileId: string | null;
}

/** What the wire objects depend on: the server's scripts and switches. */
export interface WireOptions {
  url: string;
  cells: Map<string, FakeBatchCell>;
  echoKey: boolean;
  padEveryLine: number;
  omitNotRunLines: boolean;
  resultsOrigin: string | null;
  failValidation: { code: string; message: string; line?: number }[] | null;
}

/** The parts of a multipart/form-data body, as the OpenAI SDK sends a file upload. */
export function readMultipart(raw: Buffer, contentType: string): Record<string, { filename: string | null; content: string }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const parts: Record<string, { filename: string | null; content: string }> = {};
  if (!boundary) return parts;
  for (const chunk of raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const head = chunk.slice(0, split);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name)
      parts[name] = { filename: /filename="([^"]*)"/.exec(head)?.[1] ?? null, content: chunk.slice(split + 4).replace(/\r\n$/, '') };
  }
  return parts;
}

/** The batch object of an OpenAI-format batch (API reference: "The batch object"). */
export const openaiBatch = (server: WireOptions, batch: FakeBatch) => {
  const processed = batch.cells.filter((cell) => cell.done);
  const failed = processed.filter((cell) => server.cells.get(cell.customId)?.error).length;
  const ended = ['completed', 'expired', 'cancelled', 'failed'].includes(batch.status);
  return {
    id: batch.id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    errors: server.failValidation && batch.status === 'failed' ? { object: 'list', data: server.failValidation } : null,
    input_file_id: batch.inputFileId,
    completion_window: '24h',
    status: batch.status,
    output_file_id: ended ? batch.outputFileId : null,
    error_file_id: ended ? batch.errorFileId : null,
    created_at: nowSeconds,
    in_progress_at: batch.status === 'validating' ? null : nowSeconds + 5,
    expires_at: nowSeconds + 86_400,
    request_counts: {
      total: batch.cells.length,
      completed: processed.length - failed,
      failed: failed + (ended ? batch.cells.length - processed.length : 0),
    },
    metadata: null,
  };
};

/** A `MessageBatch` (Anthropic SDK type; `results_url` only once it ended). */
export const anthropicBatch = (server: WireOptions, batch: FakeBatch) => {
  const ended = batch.status === 'ended';
  const outcome = (cell: BatchCellState) =>
    !cell.done ? (batch.notRun ?? 'expired') : server.cells.get(cell.customId)?.error ? 'errored' : 'succeeded';
  const count = (kind: string) => (ended ? batch.cells.filter((cell) => outcome(cell) === kind).length : 0);
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: batch.status,
    request_counts: {
      processing: ended ? 0 : batch.cells.length,
      succeeded: count('succeeded'),
      errored: count('errored'),
      canceled: count('cancelled'),
      expired: count('expired'),
    },
    created_at: '2025-12-02T00:00:00Z',
    expires_at: '2025-12-03T00:00:00Z',
    ended_at: ended ? '2025-12-02T01:00:00Z' : null,
    cancel_initiated_at: batch.notRun === 'cancelled' ? '2025-12-02T00:30:00Z' : null,
    archived_at: null,
    results_url: ended ? `${server.resultsOrigin ?? server.url}/v1/messages/batches/${batch.id}/results` : null,
  };
};

/** One result line per cell, in the batch's format; reply text and errors echo the key when asked. */
export const resultLine = (server: WireOptions, batch: FakeBatch, cell: BatchCellState, key: string): string | null => {
  const script = server.cells.get(cell.customId) ?? {};
  if (script.rawLine !== undefined) return script.rawLine;
  const echo = server.echoKey ? ` (key ${key})` : '';
  const pad = 'x'.repeat((script.padBytes ?? 0) + server.padEveryLine);
  const text = `${script.text ?? `reply to ${cell.customId}`}${echo}`;
  const index = batch.cells.indexOf(cell);
  const reason = batch.notRun === 'cancelled' ? 'cancelled' : 'expired';
  if (batch.format === 'anthropic') {
    const result = !cell.done
      ? { type: reason === 'cancelled' ? 'canceled' : 'expired' }
      : script.error
        ? { type: 'errored', error: { type: 'error', error: { type: script.error.type, message: `${script.error.message}${echo}` } } }
        : {
            type: 'succeeded',
            message: {
              id: `msg_${cell.customId}`,
              type: 'message',
              role: 'assistant',
              model: cell.model,
              content: [{ type: 'text', text }],
              stop_reason: 'end_turn',
              stop_sequence: null,
              usage: { input_tokens: 10 + index, output_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
            },
          };
    return JSON.stringify({ custom_id: cell.customId, result, ...(pad ? { pad } : {}) });
  }
  if (!cell.done) {
    if (server.omitNotRunLines) return null;
    const error =
      reason === 'expired'
        ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }
        : { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' };
    return JSON.stringify({ id: `batch_req_${cell.customId}`, custom_id: cell.customId, response: null, error });
  }
  const response = script.error
    ? {
        status_code: script.error.status,
        request_id: `req_${cell.customId}`,
        body: {
          error: { message: `${script.error.message}${echo}`, type: script.error.type, param: null, code: script.error.code ?? null },
        },
      }
    : {
        status_code: 200,
        request_id: `req_${cell.customId}`,
        body: {
          id: `chatcmpl-${cell.customId}`,
          object: 'chat.completion',
          created: nowSeconds,
          model: cell.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10 + index, completion_tokens: 7, total_tokens: 17 + index },
        },
      };
  return JSON.stringify({ id: `batch_req_${cell.customId}`, custom_id: cell.customId, response, error: null, ...(pad ? { pad } : {}) });
};
