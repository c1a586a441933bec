/**
 * The HTML report's stylesheet: a WeChat-like narrow reading column per draft, side by side on a wide
 * screen and stacked on a phone. Nothing may make the page wider than the screen: long URLs and code
 * lines wrap, wide tables and charts scroll or shrink inside their own box.
 */
export const htmlReportStyle = `
:root { --ink: #1f2329; --muted: #6b7280; --line: #e5e7eb; --accent: #07c160; --bad: #d93025; --warn: #b45309; --paper: #fff; --page: #f3f4f6; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--ink); overflow-wrap: anywhere;
  font: 15px/1.6 -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
header.page, section.summary { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 12px 0 8px; }
.meta { color: var(--muted); font-size: 13px; }
details.prompt pre { white-space: pre-wrap; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
.table-scroll { max-width: 100%; overflow-x: auto; }
table.metrics { border-collapse: collapse; background: var(--paper); width: 100%; font-size: 13px; overflow-wrap: normal; }
table.metrics th, table.metrics td { border: 1px solid var(--line); padding: 6px 8px; text-align: right; white-space: nowrap; }
table.metrics th:nth-child(-n + 3), table.metrics td:nth-child(-n + 3) { text-align: left; }
table.metrics td.title { white-space: normal; min-width: 12em; }
table.metrics.models th:nth-child(n + 2), table.metrics.models td:nth-child(n + 2) { text-align: right; }
.ok { color: var(--accent); } .error { color: var(--bad); } .title-too-long { color: var(--warn); cursor: help; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 16px; }
figure.chart { margin: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; max-width: 100%; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.bar { fill: var(--accent); } .bar-label, .bar-value { font-size: 12px; fill: var(--ink); }
.chart-note { color: var(--muted); font-size: 12px; }
label.toggle { display: inline-block; margin: 8px 24px 0; cursor: pointer; user-select: none; border: 1px solid var(--line); background: var(--paper); border-radius: 16px; padding: 4px 12px; }
#raw-toggle { position: absolute; opacity: 0; }
#raw-toggle:checked + label { background: var(--ink); color: var(--paper); }
section.prompt-group { border-top: 1px solid var(--line); margin-top: 16px; }
section.prompt-group > header, section.prompt-group > .group-summary { max-width: 1200px; margin: 0 auto; padding: 8px 24px 0; }
.outputs { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(340px, 414px); gap: 16px; overflow-x: auto; padding: 16px 24px 32px; }
article.output { min-width: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
article.output > header { padding: 10px 16px; border-bottom: 1px solid var(--line); background: #fafafa; font-size: 13px; }
article.output > header strong { display: block; font-size: 14px; word-break: break-all; }
.rendered { padding: 8px 18px 20px; font-size: 16px; line-height: 1.75; letter-spacing: 0.02em; overflow-wrap: anywhere; }
.rendered h1 { font-size: 21px; line-height: 1.4; } .rendered h2 { font-size: 18px; border-left: 4px solid var(--accent); padding-left: 8px; }
.rendered h3 { font-size: 16px; } .rendered blockquote { margin: 12px 0; padding: 4px 12px; color: #555; border-left: 3px solid #d0d0d0; background: #f7f7f7; }
.rendered img { max-width: 100%; height: auto; }
.rendered pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 8px; border-radius: 4px; }
.rendered code { overflow-wrap: anywhere; word-break: break-word; }
.rendered table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; }
.rendered th, .rendered td { border: 1px solid var(--line); padding: 4px 8px; min-width: 5em; overflow-wrap: normal; }
pre.raw { display: none; margin: 0; padding: 12px 16px 20px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; font: 13px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#raw-toggle:checked ~ * .rendered { display: none; }
#raw-toggle:checked ~ * pre.raw { display: block; }
.failure { padding: 16px; color: var(--bad); }
@media (max-width: 600px) {
  header.page, section.summary, section.prompt-group > header, section.prompt-group > .group-summary { padding-left: 12px; padding-right: 12px; }
  label.toggle { margin-left: 12px; }
  .outputs { grid-auto-flow: row; grid-auto-columns: auto; grid-template-columns: minmax(0, 1fr); overflow-x: visible; padding: 12px; }
  .rendered { padding: 8px 14px 16px; }
}
`;
