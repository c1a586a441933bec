import { escapeHtml } from '../../report/escape-html.js';

export { escapeHtml };

/** `name="value"` pairs for an element, each value escaped; null, undefined and false leave the attribute out. */
export function attributes(values: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join('');
}

/** One element with escaped text inside. */
export const element = (tag: string, text: string, values: Record<string, string | number | boolean | null | undefined> = {}): string =>
  `<${tag}${attributes(values)}>${escapeHtml(text)}</${tag}>`;

/** A path with a query, the empty parameters left out: `/?model=a&offset=50`. */
export function pathWithQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** A table row with each cell labelled by its column's header (`data-label`), so a phone can show the row as a card. */
export function labelCells(row: string, headers: readonly string[]): string {
  let index = 0;
  return row.replace(/<td(?=[\s>])/g, () => `<td data-label="${escapeHtml(headers[index++] ?? '')}"`);
}
