/** A draft rendered for the WeChat Official Account editor. */
export interface WechatArticle {
  /** The draft's title: its first heading, else its first line (not repeated in `html`). */
  title: string;
  /** True when the draft gave no title (`title` is then the placeholder 无标题 / Untitled; publish refuses it). */
  untitled: boolean;
  /** The body: inline styles only; no script, no class, no `<style>`; external links as numbered references. */
  html: string;
  /** The first paragraph as plain text (the default digest). */
  firstParagraph: string;
  /** The `src` of every image in the body, in order (publish uploads them and replaces each). */
  images: string[];
}

/** How a draft is rendered. */
export interface WechatRenderOptions {
  /** A theme name (see the export command's --theme). */
  theme: string;
}
