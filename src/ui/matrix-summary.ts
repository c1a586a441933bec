import { formatCost } from '../cost/compute-cost.js';
import { formatDuration } from '../format/format-metrics.js';
import { t } from '../i18n/translate.js';
import { batchApiServer, type ModelResult } from '../run/model-result.js';

/** One model's row under a batch: how it did over every prompt. */
export interface ModelSummary {
  model: string;
  calls: number;
  ok: number;
  /** Prompts where its judge score was the best (ties count for each); null when nothing was judged. */
  wins: number | null;
  meanLatencyMs: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Null when some successful call's cost is unknown. */
  costUsd: number | null;
}

/** Results grouped by prompt, in the batch's order. */
export function groupByPrompt(results: readonly ModelResult[]): { promptId: string; results: ModelResult[] }[] {
  const groups = new Map<string, ModelResult[]>();
  for (const result of results) {
    const id = result.promptId ?? '';
    groups.set(id, [...(groups.get(id) ?? []), result]);
  }
  return [...groups].map(([promptId, grouped]) => ({ promptId, results: grouped }));
}

/** Per-model totals over a batch: successes, judge wins, mean latency, tokens and cost. */
export function summarizeModels(results: readonly ModelResult[]): ModelSummary[] {
  const judged = results.some((result) => typeof result.judge?.score === 'number');
  const winners = new Map<string, number>();
  if (judged) {
    for (const group of groupByPrompt(results)) {
      const scores = group.results.map((result) => result.judge?.score ?? Number.NEGATIVE_INFINITY);
      const best = Math.max(...scores);
      if (best === Number.NEGATIVE_INFINITY) continue;
      group.results.forEach((result, index) => {
        if (scores[index] === best) winners.set(result.model, (winners.get(result.model) ?? 0) + 1);
      });
    }
  }
  const models = [...new Set(results.map((result) => result.model))];
  return models.map((model) => {
    const own = results.filter((result) => result.model === model);
    const ok = own.filter((result) => result.status === 'ok');
    const timed = ok.filter((result) => result.servedBy !== batchApiServer);
    const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
    return {
      model,
      calls: own.length,
      ok: ok.length,
      wins: judged ? (winners.get(model) ?? 0) : null,
      // answers collected from a batch API had no call latency of their own
      meanLatencyMs: timed.length === 0 ? null : Math.round(sum(timed.map((result) => result.latencyMs)) / timed.length),
      inputTokens: sum(own.map((result) => result.usage.inputTokens)),
      outputTokens: sum(own.map((result) => result.usage.outputTokens)),
      costUsd: ok.some((result) => result.costUsd === null) ? null : sum(own.map((result) => result.costUsd)),
    };
  });
}

/** The per-model summary as text cells, for the terminal table and the HTML report alike. */
export interface ModelSummaryCells {
  /** True when a judge scored the batch: the third column counts wins. */
  withWins: boolean;
  headers: string[];
  rows: string[][];
}

/** A batch's per-model totals as headers and cells: model, successes, wins, mean latency, tokens, cost. */
export function modelSummaryCells(results: readonly ModelResult[]): ModelSummaryCells {
  const summaries = summarizeModels(results);
  const withWins = summaries.some((summary) => summary.wins !== null);
  const headers = [
    t('display.column.model'),
    t('display.column.ok'),
    ...(withWins ? [t('display.column.wins')] : []),
    t('display.column.meanLatency'),
    t('display.column.tokensInOut'),
    t('display.column.cost'),
  ];
  const rows = summaries.map((summary) => [
    summary.model,
    `${summary.ok}/${summary.calls}`,
    ...(withWins ? [String(summary.wins ?? 0)] : []),
    formatDuration(summary.meanLatencyMs),
    `${summary.inputTokens}/${summary.outputTokens}`,
    formatCost(summary.costUsd),
  ]);
  return { withWins, headers, rows };
}
