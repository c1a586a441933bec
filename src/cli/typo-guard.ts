/**
 * Optimal-string-alignment distance (Damerau–Levenshtein where a swap of two neighbours counts as
 * one edit): `histroy` is 1 from `history`, `modles` 1 from `models`.
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The subcommand a lone topic word was probably meant to be, or null. Only Latin words of 3 letters
 * or more are considered; up to 1 edit for words of 4 letters or fewer, 2 for longer ones, so
 * `stat`, `doctr`, `wirte` and `histroy` are caught while real topics (`咖啡`, `AI`) are not.
 */
export function mistypedCommand(words: readonly string[], commandNames: readonly string[]): string | null {
  if (words.length !== 1) return null;
  const word = words[0]!.trim().toLowerCase();
  if (!/^[a-z][a-z-]{2,}$/.test(word)) return null;
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | null = null;
  for (const name of commandNames) {
    if (name === word) continue;
    const distance = editDistance(word, name);
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}
