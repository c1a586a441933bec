import type { Chalk } from 'chalk';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import { displayWidth } from '../../ui/display-width.js';
import { fitTable, type TableColumn } from '../../ui/fit-table.js';
import type { ProviderCheck } from './check-provider.js';
import type { DoctorErrorType } from './doctor-target.js';
import { wrapToWidth } from '../../ui/wrap-to-width.js';

/** The short reason for the Check column (the Fix column says what to do), in the run's language. */
const reason = (type: DoctorErrorType): string => t(`doctor.reason.${type}`);

function checkCell(check: ProviderCheck, color: InstanceType<typeof Chalk>): string {
  if (check.ok)
    return color.green(
      t('doctor.ok', {
        method: t(
          check.method === 'generate'
            ? 'doctor.method.generate'
            : check.method === 'command'
              ? 'doctor.method.command'
              : 'doctor.method.models',
        ),
      }),
    );
  return color.red(t('doctor.failedCheck', { reason: reason(check.error?.type ?? 'UNKNOWN') }));
}

function keyCell(check: ProviderCheck): string {
  if (check.keyPresent === null) return t('doctor.noKeyNeeded');
  const name = check.apiKeyEnv ?? t('doctor.configApiKeys');
  return check.keyPresent ? name : t('doctor.keyNotSet', { name });
}

/**
 * A column of the doctor table. `movable` ones move below the table when it would not fit: the
 * Fix column first, then the others.
 */
interface DoctorColumn extends TableColumn {
  cell(check: ProviderCheck): string;
  movable?: 'fix' | 'detail';
}

function doctorColumns(
  checks: readonly ProviderCheck[],
  color: InstanceType<typeof Chalk>,
  health?: (check: ProviderCheck) => string | null,
): DoctorColumn[] {
  const proxied = checks.some((check) => check.proxy !== null);
  const healthKnown = health !== undefined && checks.some((check) => health(check) !== null);
  const columns: (DoctorColumn | null)[] = [
    { header: t('doctor.head.provider'), minWidth: 8, cell: (check) => check.id },
    { header: t('doctor.head.endpoint'), movable: 'detail', cell: (check) => check.baseURL ?? check.command ?? '—' },
    proxied ? { header: t('doctor.head.proxy'), movable: 'detail', cell: (check) => check.proxy ?? t('doctor.direct') } : null,
    { header: t('doctor.head.key'), minWidth: 12, cell: keyCell },
    { header: t('doctor.head.check'), minWidth: 12, cell: (check) => checkCell(check, color) },
    {
      header: t('doctor.head.time'),
      align: 'right',
      dropOrder: 1,
      cell: (check) => (check.latencyMs === null ? '—' : `${check.latencyMs} ms`),
    },
    // rests, unusable keys, recent success rates: only when some provider has any
    healthKnown ? { header: t('health.head'), movable: 'detail', cell: (check) => health(check) ?? t('health.ok') } : null,
    // The fix can quote a server's words (an error message): nothing a server sent reaches the terminal raw.
    { header: t('doctor.head.fix'), movable: 'fix', cell: (check) => terminalSafe(check.fix ?? '') },
  ];
  return columns.filter((column): column is DoctorColumn => column !== null);
}

/** Width of a table whose columns all keep their natural width: borders, padding and the widest cells. */
function naturalWidth(columns: readonly DoctorColumn[], checks: readonly ProviderCheck[]): number {
  const widest = (column: DoctorColumn) =>
    Math.max(displayWidth(column.header), ...checks.map((check) => displayWidth(column.cell(check))));
  return columns.reduce((sum, column) => sum + widest(column) + 3, 1);
}

/**
 * The doctor table: Provider, Endpoint, Proxy (only when some provider goes through one: its URL,
 * password hidden, or `direct`), Key (the variable's name, never its value), Check, Time, Fix.
 * Every line fits `maxWidth` columns: when the whole table would not, the Fix column, then Endpoint
 * and Proxy (and Health, given `health`: ok / resting until HH:MM / key unusable, for providers with
 * a state), move below it, one labelled line each under the provider's id, wrapped to the width;
 * what stays in the table is fitted by `fitTable`.
 */
export function renderDoctorTable(
  checks: readonly ProviderCheck[],
  color: InstanceType<typeof Chalk>,
  maxWidth = 80,
  health?: (check: ProviderCheck) => string | null,
): string {
  const all = doctorColumns(checks, color, health);
  const moveOrder = [all.filter((column) => column.movable === 'fix'), all.filter((column) => column.movable !== undefined)];
  let inTable = all;
  let below: DoctorColumn[] = [];
  for (const moved of moveOrder) {
    if (naturalWidth(inTable, checks) <= maxWidth) break;
    below = all.filter((column) => moved.includes(column));
    inTable = all.filter((column) => !moved.includes(column));
  }
  const table = fitTable(
    inTable,
    checks.map((check) => inTable.map((column) => column.cell(check))),
    maxWidth,
    { styleHeader: (text) => color.bold(text) },
  );
  const details = checks.flatMap((check) => {
    const fields = below.map((column) => ({ label: column.header, value: column.cell(check) })).filter((field) => field.value !== '');
    if (fields.length === 0) return [];
    const lines = fields.flatMap((field) => wrapToWidth(t('doctor.field', field), maxWidth - 2, '  ').map((line) => `  ${line}`));
    return [check.id, ...lines];
  });
  return details.length === 0 ? table : `${table}\n${details.join('\n')}`;
}
