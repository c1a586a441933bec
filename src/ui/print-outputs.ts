import { t } from '../i18n/translate.js';
import { Chalk } from 'chalk';
import { formatCount, formatDuration } from '../format/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** How much of the outputs to print after the table. */
export type ShowMode = 'full' | 'none';

/** Each output in full under a header, for `--show full`; skips those already streamed live. */
export function renderFullOutputs(results: readonly ModelResult[], colorLevel: ColorLevel, alreadyPrinted: ReadonlySet<string>): string {
  const color = new Chalk({ level: colorLevel });
  return results
    .filter((result) => result.text && !alreadyPrinted.has(result.model))
    .map((result) => {
      const served =
        result.servedBy && result.servedBy !== result.model ? t('display.finish.via', { model: terminalSafe(result.servedBy) }) : '';
      const state = result.incomplete ? t('display.output.incomplete') : '';
      const facts = t('display.output.facts', {
        duration: formatDuration(result.latencyMs),
        count: formatCount(result.usage.outputTokens),
        state,
      });
      return `\n${color.bold.cyan(`━━ ${result.model}${served} ━━`)} ${color.dim(`(${facts})`)}\n\n${terminalSafe(result.text?.trimEnd() ?? '')}\n`;
    })
    .join('');
}

/** Each model's reasoning (kept out of the article), for `--show-reasoning`. */
export function renderReasoning(results: readonly ModelResult[], colorLevel: ColorLevel): string {
  const color = new Chalk({ level: colorLevel });
  return results
    .filter((result) => result.reasoning)
    .map(
      (result) =>
        `\n${color.bold.magenta(`━━ ${t('display.output.reasoning', { model: result.model })} ━━`)}\n\n${color.dim(terminalSafe(result.reasoning?.trimEnd() ?? ''))}\n`,
    )
    .join('');
}
