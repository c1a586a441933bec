import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `7d`, `24h`, `2w`, `30m`, or a date (`2026-11-01`) → ISO time; fails naming the flag. */
export function parseSince(value: string, now: Date): string {
  const relative = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(value);
  if (relative)
    return new Date(now.getTime() - Number(relative[1]) * (units[(relative[2] as string).toLowerCase()] as number)).toISOString();
  const date = Date.parse(value);
  if (!Number.isNaN(date) && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return new Date(date).toISOString();
  throw new UsageError(t('history.stats.badSince', { value }));
}
