/** The colours of a generated cover, one set per article theme (the ids of `export --theme`). */
export interface CoverTheme {
  id: string;
  /** The background gradient, top-left to bottom-right. */
  from: string;
  to: string;
  /** The accent bar and the decorative shapes. */
  accent: string;
  title: string;
  subtitle: string;
}

const coverThemes: CoverTheme[] = [
  { id: 'default', from: '#f3fbf6', to: '#dcf3e5', accent: '#07c160', title: '#1f2d25', subtitle: '#4f6358' },
  { id: 'minimal', from: '#fafaf8', to: '#ecebe6', accent: '#3f3f3f', title: '#1f1f1f', subtitle: '#5c5c5c' },
  { id: 'tech', from: '#0f1f3d', to: '#1e3f73', accent: '#4ea1ff', title: '#f5f8ff', subtitle: '#b9c8e6' },
];

/** The cover theme of that name; an unknown or missing name gets the default (a cover never fails on it). */
export function findCoverTheme(id: string | undefined): CoverTheme {
  return coverThemes.find((theme) => theme.id === id) ?? coverThemes[0]!;
}
