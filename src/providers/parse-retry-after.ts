type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined | null;

function readHeader(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** The wait a server asked for, from `retry-after-ms` or `retry-after` (seconds or HTTP date). */
export function parseRetryAfter(headers: HeaderSource, nowMs: number = Date.now()): number | null {
  const milliseconds = readHeader(headers, 'retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '' && Number.isFinite(Number(milliseconds))) {
    return Math.max(0, Number(milliseconds));
  }
  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return null;
  if (Number.isFinite(Number(retryAfter))) return Math.max(0, Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
