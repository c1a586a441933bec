const pad = (value: number) => String(Math.trunc(value)).padStart(2, '0');

/** `UTC+08:00` for an offset from UTC in minutes (east positive). */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `UTC${sign}${pad(Math.abs(offsetMinutes) / 60)}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

/**
 * A moment in local time with its offset: `2026-12-02 13:05 (UTC+08:00)`. Local is the process's time
 * zone (TZ) on that date unless `offsetMinutes` (east of UTC) is given. Takes a Date or an ISO string
 * (as stored in reports); a string that is not a date is returned as it is.
 */
export function formatLocalTime(moment: Date | string, offsetMinutes?: number): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return String(moment);
  const offset = offsetMinutes ?? -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const day = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  return `${day} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} (${formatUtcOffset(offset)})`;
}
