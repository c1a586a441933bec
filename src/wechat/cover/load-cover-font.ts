import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontMetrics, type FontMetrics } from './read-font-metrics.js';

/**
 * The cover's CJK font comes from the `noto-sans-sc` npm package (Noto Sans SC, SIL OFL 1.1), never
 * from the network nor only from the system: Google Fonts' split of the font into ~100 WOFF2 files,
 * each for a unicode-range. A cover loads only the files its text needs, decompressed to TrueType
 * (resvg reads TTF/OTF, not WOFF2) with `wawoff2`.
 */
const require = createRequire(import.meta.url);

/** A weight of the font (one cover uses one: the renderer's per-character fallback would mix two). */
export type CoverFontWeight = 'regular' | 'bold';

/** One face of the font, reduced to the files a text needs. */
export interface CoverFont {
  /** The family name to write in the SVG. */
  family: string;
  /** The TrueType files (decompressed), to hand to the renderer. */
  files: Buffer[];
  /** The advance of a code point in em, or undefined when no file of the font draws it. */
  advance(codePoint: number): number | undefined;
}

interface FontPart {
  file: string;
  ranges: Array<[number, number]>;
}

interface LoadedPart {
  font: Buffer;
  metrics: FontMetrics;
}

const family = 'Noto Sans SC';
const partLists = new Map<CoverFontWeight, Promise<FontPart[]>>();
const loadedParts = new Map<string, Promise<LoadedPart>>();

function weightDirectory(weight: CoverFontWeight): string {
  return join(dirname(require.resolve('noto-sans-sc/package.json')), `noto_sans_sc_${weight}`);
}

/** Reads the package's stylesheet: each @font-face's file and unicode-range. */
async function readPartList(weight: CoverFontWeight): Promise<FontPart[]> {
  const css = await readFile(join(weightDirectory(weight), 'css.css'), 'utf8');
  const parts: FontPart[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(['"]?([^)'"]+)['"]?\)/.exec(block)?.[1];
    const ranges = /unicode-range:([^;}]+)/.exec(block)?.[1];
    if (!file || !ranges) continue;
    parts.push({
      file,
      ranges: ranges.split(',').map((range) => {
        const [start = '', end] = range.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(start, 16), parseInt(end ?? start, 16)];
      }),
    });
  }
  return parts;
}

function partList(weight: CoverFontWeight): Promise<FontPart[]> {
  let parts = partLists.get(weight);
  if (!parts) {
    parts = readPartList(weight);
    partLists.set(weight, parts);
    parts.catch(() => partLists.delete(weight));
  }
  return parts;
}

/** Decompressions run one after another: the decoder's result is a view of its WebAssembly memory,
 * valid only until its next call, so each is copied before the next starts. */
let decoderQueue: Promise<unknown> = Promise.resolve();

function woff2ToTtf(woff2: Buffer): Promise<Buffer> {
  const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;
  const result = decoderQueue.then(async () => Buffer.from(await decompress(woff2)));
  decoderQueue = result.catch(() => undefined);
  return result;
}

async function decompressPart(weight: CoverFontWeight, file: string): Promise<LoadedPart> {
  const font = await woff2ToTtf(await readFile(join(weightDirectory(weight), file)));
  return { font, metrics: readFontMetrics(font) };
}

function loadPart(weight: CoverFontWeight, file: string): Promise<LoadedPart> {
  const key = `${weight}/${file}`;
  let part = loadedParts.get(key);
  if (!part) {
    part = decompressPart(weight, file);
    loadedParts.set(key, part);
    part.catch(() => loadedParts.delete(key));
  }
  return part;
}

/** Loads the files of one weight of the cover font that draw the characters of `text`. */
export async function loadCoverFont(weight: CoverFontWeight, text: string): Promise<CoverFont> {
  const parts = await partList(weight);
  const codePoints = new Set([...text].map((char) => char.codePointAt(0)!));
  const needed = parts.filter((part) =>
    part.ranges.some(([start, end]) => [...codePoints].some((codePoint) => codePoint >= start && codePoint <= end)),
  );
  const loaded = await Promise.all(needed.map((part) => loadPart(weight, part.file)));
  return {
    family,
    files: loaded.map((part) => part.font),
    advance(codePoint) {
      for (const part of loaded) {
        const advance = part.metrics.advance(codePoint);
        if (advance !== undefined) return advance;
      }
      return undefined;
    },
  };
}
