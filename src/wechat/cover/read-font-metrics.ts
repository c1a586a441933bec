/** What the cover's layout needs from one font file: which characters it draws and how wide each is. */
export interface FontMetrics {
  /** The advance width of a code point in em (1 = the font size), or undefined when the font has no glyph for it. */
  advance(codePoint: number): number | undefined;
}

/** Where each table of an sfnt (TrueType/OpenType) file starts. */
function tableOffsets(font: Buffer): Map<string, number> {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let index = 0; index < count; index += 1) {
    const record = 12 + index * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/** Glyph ids by code point from a cmap subtable of format 4 (BMP) or 12 (full Unicode). */
function readCmapSubtable(font: Buffer, offset: number, glyphs: Map<number, number>): void {
  const format = font.readUInt16BE(offset);
  if (format === 12) {
    const groups = font.readUInt32BE(offset + 12);
    for (let group = 0; group < groups; group += 1) {
      const record = offset + 16 + group * 12;
      const start = font.readUInt32BE(record);
      const end = font.readUInt32BE(record + 4);
      const firstGlyph = font.readUInt32BE(record + 8);
      for (let codePoint = start; codePoint <= end; codePoint += 1) glyphs.set(codePoint, firstGlyph + codePoint - start);
    }
    return;
  }
  if (format !== 4) return;
  const segments = font.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment += 1) {
    const end = font.readUInt16BE(ends + segment * 2);
    const start = font.readUInt16BE(starts + segment * 2);
    const delta = font.readInt16BE(deltas + segment * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + segment * 2);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint += 1) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (codePoint + delta) & 0xffff;
      else {
        const at = rangeOffsets + segment * 2 + rangeOffset + (codePoint - start) * 2;
        glyph = font.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) glyphs.set(codePoint, glyph);
    }
  }
}

/** The Unicode cmap: format 12 when the font has one, else format 4. */
function readCmap(font: Buffer, cmap: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const subtables = font.readUInt16BE(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let index = 0; index < subtables; index += 1) {
    const record = cmap + 4 + index * 8;
    const platform = font.readUInt16BE(record);
    const offset = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && [1, 10].includes(font.readUInt16BE(record + 2)));
    if (unicode && (format === 12 || (format === 4 && best?.format !== 12))) best = { offset, format };
  }
  if (best) readCmapSubtable(font, best.offset, glyphs);
  return glyphs;
}

/**
 * Reads the character map and the horizontal metrics of a TrueType/OpenType font (not WOFF/WOFF2:
 * decompress those first), enough to measure a line of text the way a renderer lays it out.
 */
export function readFontMetrics(font: Buffer): FontMetrics {
  const tables = tableOffsets(font);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error('font without head/hhea/hmtx/cmap tables');
  }
  const unitsPerEm = font.readUInt16BE(head + 18);
  const longMetrics = font.readUInt16BE(hhea + 34);
  const glyphs = readCmap(font, cmap);
  return {
    advance(codePoint) {
      const glyph = glyphs.get(codePoint);
      if (glyph === undefined) return undefined;
      const metric = Math.min(glyph, longMetrics - 1);
      return font.readUInt16BE(hmtx + metric * 4) / unitsPerEm;
    },
  };
}
