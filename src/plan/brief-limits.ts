/** Largest brief (`--prompt`, `--system`, stdin, one prompt of `--prompts`): far over any real one. */
export const maxBriefBytes = 2 * 1024 * 1024;

/** Largest `--prompts` JSONL file. */
export const maxBatchFileBytes = 64 * 1024 * 1024;

/** A size for messages: `2.5 MiB`. */
export const mebibytes = (bytes: number): string => `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;

/** Whether `text` is over `limit` bytes as UTF-8 (without encoding it when its length already tells). */
export function overBytes(text: string, limit: number): number | null {
  if (text.length * 3 <= limit) return null;
  const bytes = Buffer.byteLength(text);
  return bytes > limit ? bytes : null;
}
