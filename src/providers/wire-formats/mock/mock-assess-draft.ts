import { rubricKeys, scoreRange, type RubricKey } from '../../../judge/judge-rubric.js';
import { countWriting, titleLength, wechatTitleLimit } from '../../../text/count-writing.js';

/** What the mock's editor measured in a draft, criterion by criterion. */
export interface DraftAssessment {
  /** Every criterion of the judge's rubric, an integer from 1 to 10. */
  scores: Record<RubricKey, number>;
  /** One line per criterion, in Chinese, saying what was measured. */
  reasons: Record<RubricKey, string>;
  /** Rounded mean of the scores, as a reviewer gives it. */
  overall: number;
}

/** The parts of a Markdown draft the assessment reads. */
export interface DraftShape {
  title: string | null;
  /** `##` and `###` headings. */
  headings: number;
  /** Body paragraphs (not headings, quotes or list items), each its 字数. */
  paragraphs: { text: string; chars: number }[];
}

const clamp = (value: number) => Math.min(scoreRange.max, Math.max(scoreRange.min, Math.round(value)));

/** Splits a Markdown draft into its title, headings and body paragraphs. */
export function draftShape(text: string): DraftShape {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  let title: string | null = null;
  let headings = 0;
  const paragraphs: DraftShape['paragraphs'] = [];
  for (const block of blocks) {
    const h1 = /^#\s+(.+)$/m.exec(block);
    if (title === null && h1 && block.startsWith('#') && !block.startsWith('##')) title = (h1[1] as string).trim();
    else if (/^#{2,6}\s/.test(block)) headings += 1;
    else if (!/^(>|[-*+]\s|\d+[.)]\s)/.test(block)) paragraphs.push({ text: block, chars: countWriting(block).chars });
  }
  return { title, headings, paragraphs };
}

const figures = /\d+(?:\.\d+)?\s*(?:%|％|万|亿|倍|元|人)/g;
const sourceWords = /据|来源|数据显示|研究|调查|报告/;

function titleScore({ title }: DraftShape): [number, string] {
  if (title === null) return [2, '没有标题（缺少 # 一级标题）'];
  const length = titleLength(title);
  if (length > wechatTitleLimit) return [3, `标题 ${length} 字，超过公众号 ${wechatTitleLimit} 字的上限`];
  const hook = /[：:？?！!]/.test(title);
  const base = length < 8 ? 6 : length <= 30 ? 8 : 5;
  const verdict = length < 8 ? '偏短，信息量不够' : length <= 30 ? '长度合适' : '偏长，手机上会折行';
  return [base + (hook ? 1 : 0), `标题 ${length} 字，${verdict}${hook ? '，有点明看点的后半句' : ''}`];
}

function openingScore({ paragraphs }: DraftShape): [number, string] {
  const opening = paragraphs[0];
  if (!opening) return [2, '没有开头段落'];
  const asks = /[？?]|你/.test(opening.text);
  const base = opening.chars < 15 ? 5 : opening.chars <= 80 ? 8 : opening.chars <= 150 ? 6 : 4;
  const verdict = opening.chars < 15 ? '太短，还没抓住读者' : opening.chars <= 80 ? '简短直接' : '偏长，读者要读很久才进入正题';
  return [base + (asks ? 1 : 0), `开头 ${opening.chars} 字，${verdict}${asks ? '，直接对读者说话' : ''}`];
}

function structureScore({ headings, paragraphs }: DraftShape): [number, string] {
  const ending = paragraphs.at(-1)?.text ?? '';
  const invites = paragraphs.length > 1 && /[？?]|评论|留言/.test(ending);
  const base = headings === 0 ? 3 : headings === 1 ? 5 : headings === 2 ? 6 : headings <= 5 ? 8 : 7;
  return [base + (invites ? 1 : 0), `${headings} 个小标题，${invites ? '结尾有互动问题' : '结尾缺少收束或互动'}`];
}

function readabilityScore({ paragraphs }: DraftShape): [number, string] {
  if (paragraphs.length === 0) return [2, '没有正文段落'];
  const total = paragraphs.reduce((sum, paragraph) => sum + paragraph.chars, 0);
  const average = Math.round(total / paragraphs.length);
  const longest = Math.max(...paragraphs.map((paragraph) => paragraph.chars));
  const base = average <= 60 ? 9 : average <= 100 ? 7 : average <= 160 ? 5 : 3;
  return [base - (longest > 200 ? 1 : 0), `共 ${paragraphs.length} 段，平均每段 ${average} 字，最长 ${longest} 字`];
}

function factualScore(text: string): [number, string] {
  const count = text.match(figures)?.length ?? 0;
  if (count === 0) return [8, '没有出现需要核实的具体数字'];
  const sourced = sourceWords.test(text);
  return [Math.max(3, 8 - count) + (sourced ? 1 : 0), `出现 ${count} 处具体数字，${sourced ? '提到了出处' : '没有注明来源'}`];
}

/**
 * Scores a draft on the judge's rubric from what can be measured in it (title length, the opening's
 * 字数, headings, paragraph lengths, unsourced figures): the same draft always gets the same scores,
 * different drafts usually different ones.
 */
export function assessDraft(text: string): DraftAssessment {
  const shape = draftShape(text);
  const measured: Record<RubricKey, [number, string]> = {
    title: titleScore(shape),
    opening: openingScore(shape),
    structure: structureScore(shape),
    readability: readabilityScore(shape),
    factualCare: factualScore(text),
  };
  const scores = Object.fromEntries(rubricKeys.map((key) => [key, clamp(measured[key][0])])) as Record<RubricKey, number>;
  const reasons = Object.fromEntries(rubricKeys.map((key) => [key, measured[key][1]])) as Record<RubricKey, string>;
  const overall = clamp(rubricKeys.reduce((sum, key) => sum + scores[key], 0) / rubricKeys.length);
  return { scores, reasons, overall };
}
