/** Escapes a string for use inside a regular expression. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The names to hide in a duel's drafts: every model id of the session (`provider:model`), and the
 * bare model name after the provider when it is long enough not to be an ordinary word (4+ characters).
 */
export function namesToHide(models: readonly string[]): string[] {
  const names = new Set<string>();
  for (const model of models) {
    names.add(model);
    const bare = model.slice(model.indexOf(':') + 1).replace(/\?.*$/, '');
    if (bare.length >= 4) names.add(bare);
  }
  // longest first, so an id is hidden whole before its bare name is looked for
  return [...names].sort((a, b) => b.length - a.length);
}

/** The text with every name (case-insensitive) replaced by `mask`, so a draft that names its model stays blind. */
export function blindText(text: string, names: readonly string[], mask: string): string {
  if (names.length === 0) return text;
  return text.replace(new RegExp(names.map(escaped).join('|'), 'gi'), mask);
}
