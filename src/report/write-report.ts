import { constants, statSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { JsonReport } from './json-report.js';

/** The report formats `--report` writes, chosen by the file's extension. */
export type ReportFormat = 'html' | 'md' | 'csv' | 'json';

const formats: Record<string, ReportFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
  '.markdown': 'md',
  '.csv': 'csv',
  '.json': 'json',
};

/** Where and how to write the report; validated before any call. */
export interface ReportTarget {
  filePath: string;
  format: ReportFormat;
}

/** Checks a `--report` path's extension and resolves it against the working directory. */
export function parseReportTarget(file: string, cwd: string): ReportTarget {
  const format = formats[path.extname(file).toLowerCase()];
  if (!format) throw new UsageError(t('display.reportTarget.unknownExtension', { file }));
  return { filePath: path.resolve(cwd, file), format };
}

/**
 * Checks, before any call, that the report can be written where `--report` says: its directory was
 * created (see prepareReport), and the path itself is not a directory nor a file that cannot be written.
 * Throws a UsageError naming the fix.
 */
export async function checkReportTarget(target: ReportTarget, file: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = statSync(target.filePath).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(t('display.reportTarget.cannotWrite', { file, code: String((error as NodeJS.ErrnoException).code) }));
  }
  if (isDirectory)
    throw new UsageError(t('display.reportTarget.directory', { file, example: path.join(file, `report${path.extname(file) || '.html'}`) }));
  try {
    await access(target.filePath, constants.W_OK);
  } catch {
    throw new UsageError(t('display.reportTarget.notWritable', { file }));
  }
}

/** Renders and writes the report; renderers are loaded only for the format asked for. */
export async function writeReport(
  target: ReportTarget,
  report: JsonReport,
  prompt: { text: string; title: string },
  toolVersion: string,
): Promise<void> {
  let content: string;
  if (target.format === 'html') content = (await import('./html-report.js')).renderHtmlReport(report, prompt, toolVersion);
  else if (target.format === 'md') content = (await import('./markdown-report.js')).renderMarkdownReport(report, prompt.text);
  else if (target.format === 'csv') content = (await import('./csv-report.js')).renderCsvReport(report);
  else content = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(target.filePath, content, 'utf8');
}
