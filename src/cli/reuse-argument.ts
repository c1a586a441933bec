/** What `--reuse` may take as its age: `7d`, `24h`, `2w`, `30m`, or a date `2026-11-01`. */
const looksLikeAge = (word: string) => /^\s*\d+\s*[mhdw]\s*$/i.test(word) || /^\d{4}-\d{2}-\d{2}/.test(word.trim());

/**
 * `--reuse [age]` takes the next word only when it reads as an age: `--reuse 周末咖啡` leaves the topic a
 * topic (commander would take any word as the value). Rewrites such a bare `--reuse` to `--reuse=any`;
 * words after `--` are left alone.
 */
export function separateReuseAge(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((word, index) => {
    if (word !== '--reuse' || (end !== -1 && index > end)) return word;
    const next = argv[index + 1];
    return next !== undefined && looksLikeAge(next) ? word : '--reuse=any';
  });
}
