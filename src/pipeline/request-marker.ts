import { stageNames, type StageName } from './stage-name.js';

/** What one of the tool's own requests asks a model for: the judge's verdict, or one `write` stage. */
export type RequestKind = 'judge' | StageName;

const kinds: readonly RequestKind[] = ['judge', ...stageNames];
const markerLine = /^<!-- wechat-writer:([a-z]+) -->\r?\n/;

/**
 * The first line of every request the tool builds itself (the judge's, each `write` stage's): an HTML
 * comment naming what is asked, machine-readable, invisible in rendered Markdown and not counted in 字数.
 * The offline mock model reads it to answer in the format the tool's parser expects.
 */
export const requestMarker = (kind: RequestKind): string => `<!-- wechat-writer:${kind} -->`;

/** `prompt` with its request marker as the first line. */
export const markRequest = (kind: RequestKind, prompt: string): string => `${requestMarker(kind)}\n${prompt}`;

/** What a prompt asks for, read from its first line; null for any prompt the tool did not mark (a user's own). */
export function readRequestKind(prompt: string): RequestKind | null {
  const name = markerLine.exec(prompt)?.[1];
  return kinds.find((kind) => kind === name) ?? null;
}

/** The prompt without its marker line (unchanged when it has none). */
export const withoutRequestMarker = (prompt: string): string => prompt.replace(markerLine, '');
