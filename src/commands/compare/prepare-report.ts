import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { checkReportTarget, parseReportTarget, type ReportTarget } from '../../report/write-report.js';

/** `--report <file>`: its format and path, its directory made, checked writable before any call; null without one. */
export async function prepareReport(file: string | undefined, io: CommandIO): Promise<ReportTarget | null> {
  if (file === undefined) return null;
  const target = parseReportTarget(file, io.cwd);
  try {
    await io.makeDirectory(path.dirname(target.filePath));
  } catch {
    throw new UsageError(t('compare.reportDirectory', { file }));
  }
  await checkReportTarget(target, file);
  return target;
}
