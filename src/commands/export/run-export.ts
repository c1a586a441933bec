import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { StoredRun } from '../../store/history-store.js';
import { defaultWechatTheme, findWechatTheme, wechatThemes } from '../../wechat/html/wechat-themes.js';
import { renderWechatArticle } from '../../wechat/render-wechat-article.js';
import { loadRun, openHistory } from '../history/open-history.js';
import { chooseDraft, draftChoiceReason, type StoredDraft } from './choose-draft.js';
import { renderPreviewPage } from './preview-page.js';

/** `wechat-writer export` options. */
export interface ExportOptions {
  model?: string;
  /** `wechat` (default): the fragment to paste; `html`: a standalone preview page. */
  format?: string;
  /** The file to write; `-` for stdout. */
  output?: string;
  theme?: string;
  promptId?: string;
}

/** Marks the fragment's file as UTF-8 for a browser opening it (a fragment has no `<meta charset>`); invisible when pasted. */
const byteOrderMark = '\uFEFF';

/**
 * The default file's name: the run's own file-name prefix (`20261202-061800_周末咖啡_`, what its
 * drafts in that directory share), then `wechat.html` (`wechat-preview.html` for the preview page;
 * `-<promptId>` in a batch).
 */
export function exportFileName(draftFiles: readonly string[], format: 'wechat' | 'html', promptId: string | null): string {
  const names = draftFiles.map((file) => path.basename(file));
  let prefix = names[0] ?? '';
  for (const name of names.slice(1)) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const runPrefix = prefix.slice(0, prefix.lastIndexOf('_') + 1);
  return `${runPrefix}${format === 'html' ? 'wechat-preview' : 'wechat'}${promptId === null ? '' : `-${promptId}`}.html`;
}

/** Beside the run's drafts when their directory is still there, else the working directory. */
async function defaultOutput(run: StoredRun, draft: StoredDraft, format: 'wechat' | 'html', promptId: string | null, io: CommandIO) {
  const fallback = path.join(
    io.cwd,
    `run-${run.id}_${format === 'html' ? 'wechat-preview' : 'wechat'}${promptId === null ? '' : `-${promptId}`}.html`,
  );
  if (!draft.outputFile) return fallback;
  const directory = path.dirname(path.resolve(io.cwd, draft.outputFile));
  const exists = await stat(directory).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (!exists) return fallback;
  const siblings = run.results.flatMap((other) =>
    other.outputFile && path.dirname(path.resolve(io.cwd, other.outputFile)) === directory ? [other.outputFile] : [],
  );
  return path.join(directory, exportFileName(siblings, format, promptId));
}

function parseFormat(format: string | undefined): 'wechat' | 'html' {
  const wanted = (format ?? 'wechat').trim().toLowerCase();
  if (wanted === 'wechat' || wanted === 'html') return wanted;
  throw new UsageError(t('export.badFormat', { format: format ?? '' }));
}

/**
 * Renders a run's chosen draft (see chooseDraft) as WeChat-ready HTML with a theme and writes it: the
 * one `<section>` to paste into the editor, or (`--format html`) a standalone preview page. Says which
 * draft it used and why, the theme, and the file.
 */
export async function runExport(runIdText: string, options: ExportOptions, io: CommandIO): Promise<ExitCodeValue> {
  const format = parseFormat(options.format);
  const themeId = options.theme ?? defaultWechatTheme;
  const theme = findWechatTheme(themeId);
  if (!theme) throw new UsageError(t('export.badTheme', { theme: themeId, themes: wechatThemes.map((known) => known.id).join(', ') }));
  const store = await openHistory(io);
  let run: StoredRun;
  let choice: ReturnType<typeof chooseDraft>;
  try {
    run = loadRun(store, runIdText);
    choice = chooseDraft(run, store.verdicts.picksOf(run.id), options.model, {
      promptId: options.promptId,
      env: io.env,
      positions: store.verdicts.positionsOf(run.id),
    });
  } finally {
    store.close();
  }
  const article = renderWechatArticle(choice.result.text ?? '', { theme: theme.id });
  const content = format === 'html' ? renderPreviewPage(article) : `${article.html}\n`;
  const used = t('export.used', {
    model: choice.result.model,
    reason: draftChoiceReason(choice.reason),
    theme: theme.id,
    themeName: t(theme.nameKey),
  });
  if (options.output === '-') {
    io.stdout.write(content);
    io.stderr.write(`${terminalSafe(used)}\n`);
    return ExitCode.ok;
  }
  const target =
    options.output === undefined
      ? await defaultOutput(run, choice.result, format, choice.promptId, io)
      : path.resolve(io.cwd, options.output);
  const shown = path.relative(io.cwd, target) || target;
  try {
    await writeFile(target, format === 'wechat' ? byteOrderMark + content : content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr.write(`${terminalSafe(used)}\n${terminalSafe(t('export.writeFailed', { file: shown, reason }))}\n`);
    return ExitCode.someFailed;
  }
  const wrote = format === 'wechat' ? t('export.wroteWechat', { file: shown }) : t('export.wrote', { file: shown });
  io.stdout.write(`${terminalSafe(used)}\n${terminalSafe(wrote)}\n`);
  return ExitCode.ok;
}
