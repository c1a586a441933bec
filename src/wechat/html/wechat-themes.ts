import type { MessageKey } from '../../i18n/catalog/index.js';

/** A look for WeChat-ready HTML: a stylesheet that juice inlines into the article's elements. */
export interface WechatTheme {
  /** The name given to `--theme`. */
  id: string;
  /** The catalogue key of its display name (默认, 简约, 科技). */
  nameKey: MessageKey;
  /** The stylesheet: the layout every theme shares, then the theme's own rules. */
  css: string;
}

/**
 * The layout every theme shares, sized for a phone: 16 px body text at 1.75 line height, paragraphs
 * spaced apart, code blocks and tables that scroll or wrap inside themselves (never the page), images
 * no wider than the column. Class names only exist until juice has inlined them.
 */
const layout = `
.article { font-size: 16px; line-height: 1.75; color: #333333; letter-spacing: 0.5px; word-wrap: break-word; overflow-wrap: break-word; padding: 0 4px; text-align: left; }
.article p { margin: 0 0 20px 0; font-size: 16px; line-height: 1.75; }
.article h1 { font-size: 22px; line-height: 1.4; font-weight: bold; margin: 32px 0 20px 0; }
.article h2 { font-size: 20px; line-height: 1.4; font-weight: bold; margin: 32px 0 16px 0; }
.article h3 { font-size: 18px; line-height: 1.4; font-weight: bold; margin: 24px 0 12px 0; }
.article h4 { font-size: 16px; line-height: 1.5; font-weight: bold; margin: 20px 0 10px 0; }
.article blockquote { margin: 0 0 20px 0; padding: 12px 16px; font-size: 15px; }
.article blockquote p { margin: 0 0 8px 0; font-size: 15px; }
.article ul { margin: 0 0 20px 0; padding-left: 24px; list-style-type: disc; }
.article ol { margin: 0 0 20px 0; padding-left: 24px; list-style-type: decimal; }
.article li { margin: 4px 0; font-size: 16px; line-height: 1.75; }
.article li p { margin: 0; }
.article pre.code { margin: 0 0 20px 0; padding: 12px 14px; font-size: 13px; line-height: 1.6; white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; overflow-x: auto; border-radius: 6px; text-align: left; letter-spacing: 0; }
.article pre.code code { font-family: Menlo, Consolas, "Courier New", monospace; font-size: 13px; white-space: pre-wrap; background: none; padding: 0; }
.article code.inline { font-family: Menlo, Consolas, "Courier New", monospace; font-size: 14px; padding: 2px 4px; border-radius: 4px; word-break: break-all; }
.article .table-wrap { margin: 0 0 20px 0; overflow-x: auto; max-width: 100%; }
.article table { border-collapse: collapse; width: 100%; font-size: 14px; line-height: 1.6; }
.article th { padding: 6px 8px; font-weight: bold; text-align: left; word-break: break-word; }
.article td { padding: 6px 8px; text-align: left; word-break: break-word; }
.article th:first-child { white-space: nowrap; }
.article td:first-child { white-space: nowrap; }
.article img { display: block; max-width: 100%; height: auto; margin: 8px auto; border-radius: 4px; }
.article strong { font-weight: bold; }
.article em { font-style: italic; }
.article .del { text-decoration: line-through; }
.article .hr { margin: 28px auto; height: 1px; width: 60%; font-size: 0; line-height: 0; overflow: hidden; }
.article sup.ref-mark { font-size: 12px; line-height: 0; vertical-align: super; margin-left: 1px; }
.article .refs { margin: 32px 0 0 0; padding-top: 12px; }
.article .refs-title { margin: 0 0 8px 0; font-size: 15px; font-weight: bold; }
.article .ref { margin: 0 0 6px 0; font-size: 13px; line-height: 1.6; word-break: break-all; }
.article .ref-url { font-style: italic; }
`;

/** 默认: WeChat green accents, a left-bar quote, light code blocks. */
const defaultTheme = `
.article h1 { color: #1a1a1a; text-align: center; }
.article h2 { color: #1a1a1a; border-bottom: 2px solid #07c160; padding-bottom: 6px; }
.article h3 { color: #1a1a1a; border-left: 4px solid #07c160; padding-left: 10px; }
.article h4 { color: #07a653; }
.article blockquote { border-left: 4px solid #07c160; background: #f6f8f7; color: #555555; }
.article strong { color: #07a653; }
.article li { color: #333333; }
.article pre.code { background: #f6f8fa; color: #24292e; border: 1px solid #e8eaed; }
.article code.inline { background: #f2f4f5; color: #d14; }
.article th { background: #eef8f2; color: #1a1a1a; border: 1px solid #d9e6de; }
.article td { border: 1px solid #e4e8e6; }
.article a.wx-link { color: #576b95; text-decoration: none; }
.article sup.ref-mark { color: #07a653; }
.article .hr { border-top: 1px solid #dddddd; }
.article .refs { border-top: 1px solid #eeeeee; }
.article .refs-title { color: #07a653; }
.article .ref { color: #888888; }
`;

/** 简约: black and grey, serif headings, generous space; nothing but the words. */
const minimalTheme = `
.article { color: #3f3f3f; }
.article p { color: #3f3f3f; }
.article h1 { color: #222222; text-align: center; font-family: Georgia, "Songti SC", "STSong", serif; font-weight: normal; }
.article h2 { color: #222222; text-align: center; font-family: Georgia, "Songti SC", "STSong", serif; font-weight: normal; letter-spacing: 2px; }
.article h3 { color: #222222; font-family: Georgia, "Songti SC", "STSong", serif; }
.article h4 { color: #555555; }
.article blockquote { border-left: 2px solid #cccccc; background: #fafafa; color: #777777; font-style: normal; }
.article strong { color: #111111; }
.article pre.code { background: #fafafa; color: #333333; border: 1px solid #eeeeee; }
.article code.inline { background: #f5f5f5; color: #555555; }
.article th { background: #f7f7f7; color: #222222; border-bottom: 2px solid #dddddd; }
.article td { border-bottom: 1px solid #eeeeee; }
.article a.wx-link { color: #3f3f3f; text-decoration: underline; }
.article sup.ref-mark { color: #999999; }
.article .hr { border-top: 1px solid #e5e5e5; width: 30%; }
.article .refs { border-top: 1px dashed #dddddd; }
.article .refs-title { color: #555555; }
.article .ref { color: #999999; }
`;

/** 科技: blue accents, dark code blocks, a tinted quote box. */
const techTheme = `
.article { color: #2c3e50; }
.article h1 { color: #1e6bb8; text-align: center; }
.article h2 { color: #ffffff; background: #1e6bb8; padding: 4px 12px; border-radius: 4px; display: inline-block; }
.article h3 { color: #1e6bb8; border-bottom: 1px dashed #1e6bb8; padding-bottom: 4px; }
.article h4 { color: #1e6bb8; }
.article blockquote { border-left: 4px solid #1e6bb8; background: #eef5fc; color: #4a5b6c; border-radius: 0 6px 6px 0; }
.article strong { color: #1e6bb8; }
.article pre.code { background: #282c34; color: #abb2bf; border: none; }
.article pre.code code { color: #abb2bf; }
.article code.inline { background: #eef5fc; color: #1e6bb8; }
.article th { background: #1e6bb8; color: #ffffff; border: 1px solid #1e6bb8; }
.article td { border: 1px solid #d0dff0; }
.article a.wx-link { color: #1e6bb8; text-decoration: none; }
.article sup.ref-mark { color: #1e6bb8; }
.article .hr { border-top: 2px solid #1e6bb8; width: 20%; }
.article .refs { border-top: 1px solid #d0dff0; }
.article .refs-title { color: #1e6bb8; }
.article .ref { color: #7f8c99; }
`;

/** The themes, the default first. */
export const wechatThemes: readonly WechatTheme[] = [
  { id: 'default', nameKey: 'export.theme.default', css: layout + defaultTheme },
  { id: 'minimal', nameKey: 'export.theme.minimal', css: layout + minimalTheme },
  { id: 'tech', nameKey: 'export.theme.tech', css: layout + techTheme },
];

/** The theme `--theme` names by default. */
export const defaultWechatTheme = 'default';

/** The theme of that id (case-insensitive), or undefined. */
export function findWechatTheme(id: string): WechatTheme | undefined {
  const wanted = id.trim().toLowerCase();
  return wechatThemes.find((theme) => theme.id === wanted);
}
