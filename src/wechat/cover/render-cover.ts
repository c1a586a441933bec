import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCoverTheme, type CoverTheme } from './cover-themes.js';
import { drawableText, layoutTitle, type TitleLayout } from './layout-title.js';
import { loadCoverFont, type CoverFont } from './load-cover-font.js';

/** What a generated cover shows besides its title. */
export interface CoverOptions {
  /** A smaller line under the title (e.g. the author or the account's name). */
  subtitle?: string;
  /** An article theme id (default, minimal, tech); unknown names get the default colours. */
  theme?: string;
}

/** WeChat's cover proportions, 2.35:1. */
export const coverWidth = 900;
export const coverHeight = 383;

const left = 96;
const right = 72;
const top = 56;
const bottom = 56;
const titleLineHeight = 1.32;
const subtitleSize = 24;
const subtitleGap = 22;
const openingPunctuation = /^[《「『（【〔〈“‘]/u;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function coverSvg(title: TitleLayout, subtitle: string, theme: CoverTheme, family: string): string {
  const titleHeight = title.lines.length * title.fontSize * titleLineHeight;
  const blockHeight = titleHeight + (subtitle ? subtitleGap + subtitleSize * 1.4 : 0);
  const blockTop = (coverHeight - blockHeight) / 2;
  // A text line's baseline sits about 0.88 em below its top in Noto Sans SC, centred in its line box.
  const baseline = (index: number): number =>
    blockTop + index * title.fontSize * titleLineHeight + title.fontSize * (titleLineHeight / 2 + 0.38);
  const titleLines = title.lines
    .map((line, index) => {
      // Full-width opening punctuation draws in the right half of its em: pull it into the margin
      // so the line's first mark lines up with the others.
      const x = openingPunctuation.test(line) ? left - title.fontSize / 2 : left;
      return `<text x="${x}" y="${baseline(index).toFixed(1)}">${escapeXml(line)}</text>`;
    })
    .join('');
  const subtitleText = subtitle
    ? `<text x="${left}" y="${(blockTop + titleHeight + subtitleGap + subtitleSize).toFixed(1)}" font-size="${subtitleSize}" font-weight="700" fill="${theme.subtitle}">${escapeXml(subtitle)}</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${coverWidth}" height="${coverHeight}" viewBox="0 0 ${coverWidth} ${coverHeight}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${theme.from}"/><stop offset="1" stop-color="${theme.to}"/></linearGradient></defs>`,
    `<rect width="${coverWidth}" height="${coverHeight}" fill="url(#bg)"/>`,
    `<circle cx="${coverWidth - 40}" cy="40" r="150" fill="${theme.accent}" fill-opacity="0.08"/>`,
    `<circle cx="${coverWidth - 120}" cy="${coverHeight + 30}" r="110" fill="${theme.accent}" fill-opacity="0.06"/>`,
    `<rect x="${left - 36}" y="${blockTop.toFixed(1)}" width="8" height="${blockHeight.toFixed(1)}" rx="4" fill="${theme.accent}"/>`,
    `<g font-family="${family}" font-weight="700" font-size="${title.fontSize}" fill="${theme.title}">${titleLines}</g>`,
    subtitleText ? `<g font-family="${family}">${subtitleText}</g>` : '',
    '</svg>',
  ].join('');
}

/** Cuts the subtitle to one line with an ellipsis. */
function fitSubtitle(text: string, font: CoverFont): string {
  const layout = layoutTitle(text, (codePoint) => font.advance(codePoint), {
    width: coverWidth - left - right,
    height: subtitleSize * 1.4,
    maxLines: 1,
    maxSize: subtitleSize,
    minSize: subtitleSize,
    lineHeight: 1.4,
  });
  return layout.lines[0] ?? '';
}

/**
 * Renders a cover image for a WeChat draft from its title: a PNG of 900×383 (WeChat's 2.35:1), the
 * title in Noto Sans SC bold in up to three measured lines over a soft gradient with an accent bar.
 * The font ships in npm packages (nothing is downloaded; system fonts are not used, so the same title
 * gives the same bytes on every machine); characters the font cannot draw (most emoji) are left out.
 */
export async function renderCover(title: string, options: CoverOptions = {}): Promise<Buffer> {
  const theme = findCoverTheme(options.theme);
  // One weight for title and subtitle: with two, the renderer's per-character fallback mixes them.
  const font = await loadCoverFont('bold', `${title}${options.subtitle ?? ''}…`);
  const titleText = drawableText(title, font.advance);
  const subtitle = options.subtitle ? fitSubtitle(drawableText(options.subtitle, font.advance), font) : '';
  const subtitleRoom = subtitle ? subtitleGap + subtitleSize * 1.4 : 0;
  const layout = layoutTitle(titleText, font.advance, {
    width: coverWidth - left - right,
    height: coverHeight - top - bottom - subtitleRoom,
    maxLines: 3,
    maxSize: 64,
    minSize: 40,
    lineHeight: titleLineHeight,
  });
  const svg = coverSvg(layout, subtitle, theme, font.family);
  const { Resvg } = await import('@resvg/resvg-js');
  const directory = await mkdtemp(join(tmpdir(), 'wechat-writer-cover-'));
  try {
    const fontFiles = await Promise.all(
      font.files.map(async (file, index) => {
        const path = join(directory, `font-${index}.ttf`);
        await writeFile(path, file);
        return path;
      }),
    );
    const resvg = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: font.family },
      logLevel: 'off',
    });
    return resvg.render().asPng();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
