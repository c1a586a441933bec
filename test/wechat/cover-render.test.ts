import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { coverHeight, coverWidth, renderCover } from '../../src/wechat/cover/render-cover.js';

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes the PNG back to RGBA pixels by drawing it, unscaled, with resvg. */
function pixels(png: Buffer): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${coverWidth}" height="${coverHeight}"><image href="data:image/png;base64,${png.toString('base64')}" width="${coverWidth}" height="${coverHeight}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
}

/** Dark pixels (the default theme's title colour on its light background) inside a rectangle. */
function darkPixels(rgba: Buffer, x0: number, y0: number, x1: number, y1: number): number {
  let count = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const at = (y * coverWidth + x) * 4;
      if (rgba[at]! + rgba[at + 1]! + rgba[at + 2]! < 300) count += 1;
    }
  }
  return count;
}

describe('renderCover', () => {
  it('renders a PNG in WeChat cover proportions with the title drawn', async () => {
    const png = await renderCover('如何用 AI 写出一篇好文章', { subtitle: '公众号写作指南' });
    expect(pngSize(png)).toEqual({ width: 900, height: 383 });
    expect(coverWidth / coverHeight).toBeCloseTo(2.35, 2);
    const rgba = pixels(png);
    expect(darkPixels(rgba, 90, 40, 840, 343)).toBeGreaterThan(3000);
  });

  it('draws nothing dark where there is no drawable title (emoji only)', async () => {
    const png = await renderCover('🚀😀');
    expect(pngSize(png)).toEqual({ width: 900, height: 383 });
    expect(darkPixels(pixels(png), 90, 0, 900, 383)).toBe(0);
  });

  it('wraps a long title within the width, keeping the right margin clear', async () => {
    const title = '当大模型开始替我们写作：一位编辑的十年观察、焦虑与和解，以及我们应该如何重新理解原创这件事'.repeat(2);
    const rgba = pixels(await renderCover(title));
    expect(darkPixels(rgba, 90, 40, 830, 343)).toBeGreaterThan(5000);
    expect(darkPixels(rgba, coverWidth - 66, 0, coverWidth, coverHeight)).toBe(0);
  });

  it('renders mixed emoji, Latin and CJK titles in every theme without throwing', async () => {
    for (const theme of ['default', 'minimal', 'tech', 'no-such-theme']) {
      const png = await renderCover('🚀 GPT-5 vs Claude：Which one writes better 中文？😀👍🏽 <&"\'>', { theme });
      expect(pngSize(png)).toEqual({ width: 900, height: 383 });
    }
  });

  it('gives the same bytes for the same title', async () => {
    const first = await renderCover('同一个标题，同一张封面', { theme: 'tech', subtitle: 'wechat-writer' });
    const second = await renderCover('同一个标题，同一张封面', { theme: 'tech', subtitle: 'wechat-writer' });
    expect(second.equals(first)).toBe(true);
  });
});
