import type { BatchHandle } from '../../batch-api/batch-api.js';
import { planBatches } from '../../batch-api/plan-batches.js';
import type { BatchRoute } from '../../batch-api/batch-support.js';
import type { CommandIO } from '../../cli/command-io.js';
import { ProviderError } from '../../errors/provider-error.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { RunPlan } from '../../plan/run-plan.js';
import type { ResolvedModel } from '../../providers/registry.js';
import { adjustTemperature } from '../../run/adjust-temperature.js';
import type { ModelResult } from '../../run/model-result.js';
import type { BatchStore } from '../../store/batch-store.js';
import { cellIdOf } from './batch-cells.js';
import { batchApiOf } from './batch-clients.js';
import { batchFailure } from './batch-result.js';

/** Attempts at storing a handle (another process may hold the history's write lock for a moment). */
const storeAttempts = 5;

/**
 * Stores a handle the provider just accepted, trying again while the history is locked. A handle that
 * still cannot be stored is printed whole (JSON, never a key) so the paid batch is not lost, and the
 * error is thrown.
 */
async function storeHandle(context: { runId: number; batches: BatchStore; io: CommandIO }, model: ResolvedModel, handle: BatchHandle) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      context.batches.add(context.runId, model.id, handle, { prices: model.prices, batchPrices: null });
      return;
    } catch (error) {
      if (attempt >= storeAttempts) {
        const reason = (error as Error).message;
        context.io.stderr.write(
          `${terminalSafe(t('batchCli.submit.notStored', { batchId: handle.batchId, reason, handle: JSON.stringify(handle) }))}\n`,
        );
        throw error;
      }
      await context.io.sleep(200 * attempt).catch(() => undefined);
    }
  }
}

/** A model of the plan whose cells go through its provider's batch API. */
export interface BatchedModel {
  model: ResolvedModel;
  /** Its index in `plan.models` (cell positions are prompt index × models + this). */
  index: number;
  route: BatchRoute;
}

/**
 * Sends each batched model's cells (one model per batch, split at the provider's limit) and stores
 * each handle in the history the moment the provider accepted it: a crash after that loses no paid
 * batch. A batch the provider refuses becomes a failed result for each of its cells (retried later
 * with ordinary calls by `resume --retry-failed`); nothing is sent again by itself. Stops sending
 * on Ctrl-C. Returns the failed cells' results (to be recorded) and the handles sent.
 */
export async function submitBatches(
  plan: RunPlan & { batch: NonNullable<RunPlan['batch']> },
  batched: readonly BatchedModel[],
  context: { runId: number; batches: BatchStore; io: CommandIO },
): Promise<{ handles: BatchHandle[]; failed: ModelResult[] }> {
  const { io } = context;
  const handles: BatchHandle[] = [];
  const failed: ModelResult[] = [];
  for (const { model, index, route } of batched) {
    const temperature = adjustTemperature(plan.temperature, model.temperature).value;
    const cells = plan.batch.map((prompt, promptIndex) => ({
      customId: cellIdOf(promptIndex * plan.models.length + index),
      modelId: model.modelId,
      system: prompt.system ?? plan.system,
      prompt: prompt.text,
      maxTokens: plan.maxTokens,
      temperature,
      cache: plan.cache,
    }));
    const promptOf = new Map(cells.map((cell, promptIndex) => [cell.customId, plan.batch[promptIndex]?.id ?? '']));
    const api = batchApiOf(model, route, io.env);
    for (const chunk of planBatches(cells, route.maxRequests)) {
      if (io.signal?.aborted) return { handles, failed };
      try {
        const handle = await api.submit(chunk, { signal: io.signal });
        await storeHandle(context, model, handle);
        handles.push(handle);
        io.stderr.write(
          `${t('batchCli.submit.sent', { model: model.id, count: chunk.length, batchId: terminalSafe(handle.batchId), format: t(`batchCli.format.${route.format}`) })}\n`,
        );
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (io.signal?.aborted) return { handles, failed };
        io.stderr.write(
          `${terminalSafe(t('batchCli.submit.refused', { model: model.id, count: chunk.length, type: error.type, message: error.message }))}\n`,
        );
        for (const cell of chunk) {
          failed.push(
            batchFailure({ model: model.id, provider: model.provider.id, promptId: promptOf.get(cell.customId) ?? '' }, error, null),
          );
        }
      }
    }
  }
  return { handles, failed };
}
