import type { CommandIO } from '../../cli/command-io.js';
import { finishedBatchStates, type BatchStatus } from '../../batch-api/batch-api.js';
import { loadSettings } from '../../config/load-settings.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { ProviderError } from '../../errors/provider-error.js';
import { UsageError } from '../../errors/usage-error.js';
import { formatLocalTime } from '../../format/format-local-time.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { StoredBatch } from '../../store/batch-store.js';
import { fitTable, terminalWidth, type TableColumn } from '../../ui/fit-table.js';
import { openHistory } from '../history/open-history.js';
import { storedBatchClients } from './batch-clients.js';
import { stateLabel } from './describe-batches.js';
import { loadBatchRun } from './open-batch-run.js';

/** `wechat-writer batch status [runId]` options. */
export interface BatchStatusOptions {
  json?: boolean;
  config?: string;
}

/** A batch as the table and `--json` show it. */
interface BatchLine {
  provider: string;
  model: string;
  batchId: string;
  state: BatchStatus['state'];
  counts: StoredBatch['counts'];
  cells: number;
  submittedAt: string;
  collected: boolean;
  /** Why the provider could not be asked now (the last state seen is shown). */
  unreachable?: string;
}

/** `12-02 08:25`: when a batch was sent, in local time (the year and offset left out to fit). */
const sentAt = (iso: string) =>
  formatLocalTime(iso)
    .replace(/^\d{4}-/, '')
    .replace(/ \(UTC[^)]*\)$/, '');

function renderTable(lines: readonly BatchLine[], maxWidth: number): string {
  const columns: TableColumn[] = [
    { header: t('batchCli.status.model'), minWidth: 12 },
    { header: t('batchCli.status.state'), minWidth: 8 },
    { header: t('batchCli.status.cells'), align: 'right' },
    { header: t('batchCli.status.submitted'), dropOrder: 1 },
    { header: t('batchCli.status.batch'), minWidth: 8, truncate: 'start', dropOrder: 0 },
  ];
  const rows = lines.map((line) => {
    const done = (line.counts?.succeeded ?? 0) + (line.counts?.failed ?? 0);
    const failed = line.counts?.failed ?? 0;
    const state = line.collected ? t('batchCli.status.collected', { state: stateLabel(line.state) }) : stateLabel(line.state);
    return [
      terminalSafe(line.model),
      line.unreachable ? `${state} ?` : state,
      `${done}/${line.counts?.total ?? line.cells}${failed > 0 ? ` ${t('batchCli.status.failedCount', { count: failed })}` : ''}`,
      sentAt(line.submittedAt),
      terminalSafe(line.batchId),
    ];
  });
  return `${fitTable(columns, rows, Math.min(maxWidth, 80))}\n`;
}

/**
 * `batch status [runId]` (default: the newest run that sent batches): asks each provider where each
 * batch not yet collected is (stored in the history), then one row per batch, or `--json`.
 */
export async function runBatchStatus(runIdText: string | undefined, options: BatchStatusOptions, io: CommandIO): Promise<ExitCodeValue> {
  const settings = await loadSettings(options.config, io);
  const store = await openHistory(io);
  try {
    const { run, batches } = loadBatchRun(store, runIdText);
    const apiFor = storedBatchClients(settings, io.env);
    const lines: BatchLine[] = [];
    for (const batch of batches) {
      const line: BatchLine = {
        provider: batch.provider,
        model: batch.model,
        batchId: batch.handle.batchId,
        state: batch.state,
        counts: batch.counts,
        cells: batch.handle.customIds.length,
        submittedAt: batch.submittedAt,
        collected: batch.collectedAt !== null,
      };
      if (!line.collected) {
        try {
          const status = await apiFor(batch).status(batch.handle.batchId, { signal: io.signal });
          store.batches.setState(batch.id, status.state, status.counts, io.currentDate().toISOString());
          Object.assign(line, { state: status.state, counts: status.counts });
        } catch (error) {
          if (!(error instanceof ProviderError) && !(error instanceof UsageError)) throw error;
          line.unreachable = error instanceof ProviderError ? `${error.type}: ${error.message}` : error.message;
        }
      }
      lines.push(line);
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ runId: run.id, batches: lines }, null, 2)}\n`);
      return ExitCode.ok;
    }
    io.stdout.write(renderTable(lines, terminalWidth(io.stdout, io.env)));
    for (const line of lines.filter((candidate) => candidate.unreachable)) {
      io.stderr.write(`${terminalSafe(t('batchCli.status.unreachable', { model: line.model, reason: line.unreachable ?? '' }))}\n`);
    }
    const waiting = lines.filter((line) => !line.collected);
    if (waiting.length === 0) io.stderr.write(`${t('batchCli.status.allCollected', { runId: run.id })}\n`);
    else if (waiting.every((line) => finishedBatchStates.has(line.state)))
      io.stderr.write(`${t('batchCli.status.ready', { runId: run.id })}\n`);
    else io.stderr.write(`${t('batchCli.status.later', { runId: run.id })}\n`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
