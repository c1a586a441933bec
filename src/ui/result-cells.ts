import path from 'node:path';
import { Chalk } from 'chalk';
import { extractTitle } from '../format/format-metrics.js';
import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import { batchApiServer, type ModelResult } from '../run/model-result.js';
import { titleLength, wechatTitleLimit } from '../text/count-writing.js';

type Color = InstanceType<typeof Chalk>;

/** The mark before a title longer than WeChat accepts. */
export const longTitleMark = '⚠';

/** The draft's title as a cell: made safe for the terminal, marked when longer than WeChat accepts. */
export function titleCell(result: ModelResult, color: Color): string {
  const title = terminalSafe(extractTitle(result.text));
  return titleLength(title) > wechatTitleLimit ? `${color.yellow(longTitleMark)} ${title}` : title;
}

/** One warning line per draft whose title WeChat would refuse (`label` names the draft). */
export function longTitleNotes(results: readonly ModelResult[], color: Color, label: (result: ModelResult) => string): string[] {
  return results.flatMap((result) => {
    const length = titleLength(extractTitle(result.text));
    return length > wechatTitleLimit
      ? [color.yellow(t('display.note.titleTooLong', { model: terminalSafe(label(result)), length, limit: wechatTitleLimit }))]
      : [];
  });
}

/** The status cell: ok (and the fallback that served it), or the error type (and whether text came before it). */
export function statusCell(result: ModelResult, color: Color): string {
  if (result.status === 'error')
    return color.red(`${result.error?.type ?? 'error'}${result.incomplete ? ` ${t('display.status.partial')}` : ''}`);
  if (result.servedBy === batchApiServer) return `${color.green(t('display.status.ok'))} ${color.dim(t('display.status.batch'))}`;
  if (result.servedBy && result.servedBy !== result.model)
    return `${color.green(t('display.status.ok'))} ${color.yellow(t('display.status.via', { model: terminalSafe(result.servedBy) }))}`;
  return color.green(t('display.status.ok'));
}

/** More saved files than this are summed up per directory instead of listed. */
const listedFiles = 10;

/**
 * The saved files under a table: a heading, then `  label → path` (relative to cwd); past ten files
 * (a batch), one `  N files in dir/` line per directory. Nothing when no file was saved.
 */
export function savedFileLines(entries: readonly { label: string; file: string | null }[], cwd: string, color: Color): string[] {
  const saved = entries.filter((entry): entry is { label: string; file: string } => entry.file !== null);
  if (saved.length === 0) return [];
  const shown = (file: string) => terminalSafe(path.relative(cwd, file) || file);
  if (saved.length > listedFiles) {
    const directories = new Map<string, number>();
    for (const entry of saved) directories.set(path.dirname(entry.file), (directories.get(path.dirname(entry.file)) ?? 0) + 1);
    return [
      color.dim(t('display.files')),
      ...[...directories].map(([directory, count]) => `  ${t('display.filesIn', { count, directory: `${shown(directory)}${path.sep}` })}`),
    ];
  }
  return [color.dim(t('display.files')), ...saved.map((entry) => `  ${terminalSafe(entry.label)} → ${shown(entry.file)}`)];
}
