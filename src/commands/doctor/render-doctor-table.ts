import type { Chalk } from 'chalk';
import Table from 'cli-table3';
import { terminalSafe } from '../../format/terminal-safe.js';
import { displayWidth } from '../../ui/display-width.js';
import type { ProviderCheck } from './check-provider.js';
import type { DoctorErrorType } from './doctor-target.js';

/** Short reasons for the Check column; the Fix column says what to do. */
const reasons: Partial<Record<DoctorErrorType, string>> = {
  MISSING_KEY: 'key missing',
  CONFIG: 'incomplete setup',
  AUTH: 'key rejected',
  PERMISSION: 'key not allowed',
  NETWORK: 'unreachable',
  TIMEOUT: 'timed out',
  RATE_LIMIT: 'rate-limited',
  QUOTA_EXCEEDED: 'out of quota',
  MODEL_NOT_FOUND: 'model not found',
  BAD_RESPONSE: 'not an LLM API',
  SERVER_ERROR: 'server error',
  OVERLOADED: 'overloaded',
  CANCELLED: 'cancelled',
};

function checkCell(check: ProviderCheck, color: InstanceType<typeof Chalk>): string {
  if (check.ok) return color.green(`✓ ok (${check.method === 'generate' ? '1-token call' : '/models'})`);
  const type = check.error?.type ?? 'UNKNOWN';
  return color.red(`✗ ${reasons[type] ?? type.toLowerCase().replaceAll('_', ' ')}`);
}

function keyCell(check: ProviderCheck): string {
  if (check.keyPresent === null) return '— (none needed)';
  const name = check.apiKeyEnv ?? 'config apiKeys';
  return check.keyPresent ? name : `${name} (not set)`;
}

/**
 * The doctor table: Provider, Endpoint, Proxy (only when some provider goes through one: its URL,
 * password hidden, or `direct`), Key (the variable's name, never its value), Check, Time, Fix. On a
 * terminal of known width, the Fix column wraps to fit.
 */
export function renderDoctorTable(checks: readonly ProviderCheck[], color: InstanceType<typeof Chalk>, columns?: number): string {
  const proxied = checks.some((check) => check.proxy !== null);
  const rows = checks.map((check) => [
    check.id,
    check.baseURL ?? '—',
    ...(proxied ? [check.proxy ?? 'direct'] : []),
    keyCell(check),
    checkCell(check, color),
    check.latencyMs === null ? '—' : `${check.latencyMs} ms`,
    // The fix can quote a server's words (an error message): nothing a server sent reaches the terminal raw.
    terminalSafe(check.fix ?? ''),
  ]);
  const head = ['Provider', 'Endpoint', ...(proxied ? ['Proxy'] : []), 'Key', 'Check', 'Time', 'Fix'];
  const fix = head.length - 1;
  const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
  const widths = head.map((name, index) => Math.max(displayWidth(name), ...rows.map((row) => displayWidth(plain(row[index] ?? '')))) + 2);
  // Never narrower than the longest word (a URL), which would otherwise be cut.
  const longestWord = Math.max(0, ...rows.flatMap((row) => (row[fix] ?? '').split(' ').map((word) => displayWidth(word) + 2)));
  const room = columns === undefined ? null : columns - widths.slice(0, fix).reduce((sum, width) => sum + width, 0) - (fix + 2);
  const fixWidth = room === null ? null : Math.max(24, longestWord, room);
  const wrap = fixWidth !== null && fixWidth < (widths[fix] ?? 0);
  const table = new Table({
    head: head.map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: head.map((name) => (name === 'Time' ? 'right' : 'left')),
    ...(wrap ? { colWidths: [...head.slice(0, fix).map(() => null), fixWidth], wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  table.push(...rows);
  return table.toString();
}
