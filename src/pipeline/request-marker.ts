import { stageNames, type StageName } from './stage-name.js';

/** What one of the tool's own requests asks a model for: the judge's rubric verdict, or one `write` stage. */
export type RequestKind = 'judge' | StageName;

/** Every marked request: those of `RequestKind`, and the pairwise judge's choice between two drafts (`judge-pair`). */
export type MarkedKind = RequestKind | 'judge-pair';

const kinds: readonly MarkedKind[] = ['judge', 'judge-pair', ...stageNames];
const markerLine = /^<!-- wechat-writer:([a-z][a-z-]*) -->\r?\n/;

/**
 * The first line of every request the tool builds itself (the judge's, each `write` stage's): an HTML
 * comment naming what is asked, machine-readable, invisible in rendered Markdown and not counted in 字数.
 * The offline mock model reads it to answer in the format the tool's parser expects.
 */
export const requestMarker = (kind: MarkedKind): string => `<!-- wechat-writer:${kind} -->`;

/** `prompt` with its request marker as the first line. */
export const markRequest = (kind: MarkedKind, prompt: string): string => `${requestMarker(kind)}\n${prompt}`;

/** What any marked prompt asks for, `judge-pair` included; null for a prompt the tool did not mark (a user's own). */
export function readMarkedKind(prompt: string): MarkedKind | null {
  const name = markerLine.exec(prompt)?.[1];
  return kinds.find((kind) => kind === name) ?? null;
}

/**
 * What a prompt asks for, read from its first line: the rubric judge or a `write` stage; null for a
 * prompt the tool did not mark, and for the pairwise judge's (read that with `readMarkedKind`).
 */
export function readRequestKind(prompt: string): RequestKind | null {
  const kind = readMarkedKind(prompt);
  return kind === 'judge-pair' ? null : kind;
}

/** The prompt without its marker line (unchanged when it has none). */
export const withoutRequestMarker = (prompt: string): string => prompt.replace(markerLine, '');
