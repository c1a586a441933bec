import { readJudgePrompt, shuffled, type ShownDraft } from '../../../judge/build-judge-prompt.js';
import { readPairwisePrompt } from '../../../judge/build-pairwise-prompt.js';
import { judgeRubric, rubricKeys, type RubricKey } from '../../../judge/judge-rubric.js';
import { readStagePrompt } from '../../../pipeline/stage-prompts.js';
import { assessDraft, draftShape } from './mock-assess-draft.js';
import { buildMockPairVerdict } from './mock-pair-verdict.js';
import {
  buildMockArticle,
  hashText,
  mockOpenings,
  mockSections,
  mockSentences,
  mockTitleTails,
  mockTopic,
  seededRandom,
  type MockOutline,
} from './mock-text.js';

/** The judge's verdict on the drafts shown, in exactly the JSON the judge's request asks for. */
export function buildMockVerdict(drafts: readonly ShownDraft[]): string {
  const verdicts = drafts.map((draft) => {
    const { scores, reasons } = assessDraft(draft.text);
    return { label: draft.label, scores, reasons };
  });
  return JSON.stringify({ drafts: verdicts });
}

/** A 提纲 for the brief: candidate titles, a hook, 3–5 headed sections with points, an ending. */
export function buildMockPlan(modelName: string, brief: string): string {
  const random = seededRandom(hashText(`${modelName}\nplan\n${brief}`));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const topic = mockTopic(brief);
  const tails = shuffled(mockTitleTails, random).slice(0, 3);
  const sections = shuffled(mockSections, random).slice(0, 3 + Math.floor(random() * 3));
  const lines = [`# 提纲：${topic}`, '', '## 备选标题', '', ...tails.map((tail, index) => `${index + 1}. ${topic}：${tail}`), ''];
  lines.push('## 开头钩子', '', pick(mockOpenings), '', '## 小标题与要点', '');
  for (const [index, section] of sections.entries()) {
    lines.push(`### ${index + 1}. ${section}`, '', `- 要点：${pick(mockSentences)}`, `- 例子：一个和「${topic}」有关的真实场景`, '');
  }
  lines.push('## 结尾', '', `- 总结：${pick(mockSentences)}`, `- 互动问题：关于${topic}，你怎么看？`);
  return lines.join('\n');
}

/** The title and section headings of an outline (the first candidate title, every `###` heading). */
export function readMockOutline(outline: string): MockOutline | null {
  const title = /^1\.\s+(.+)$/m.exec(outline)?.[1]?.trim();
  const sections = [...outline.matchAll(/^###\s+(?:\d+[.、]\s*)?(.+)$/gm)].map((match) => (match[1] as string).trim());
  return title && sections.length > 0 ? { title, sections } : null;
}

const criterionName = (key: RubricKey) => judgeRubric[key].zh.split('：')[0] ?? key;
const advice: Record<RubricKey, string> = {
  title: '标题控制在 8 到 30 字，用后半句点明读者能得到什么。',
  opening: '开头用一个具体场景或问题，在 80 字内点明为什么要读下去。',
  structure: '用 3 到 5 个小标题分段，结尾加一个引导留言的问题。',
  readability: '把长段落拆短，每段只讲一件事，控制在 60 字左右。',
  factualCare: '具体数字要注明来源，不确定的地方写明是估计。',
};

/** A review of the draft on the five criteria, with advice, its last line the score `评分：N/10`. */
export function buildMockReview(draft: string): string {
  const { scores, reasons, overall } = assessDraft(draft);
  const lines = [
    '## 审稿意见',
    '',
    ...rubricKeys.map((key, index) => `${index + 1}. ${criterionName(key)}（${scores[key]}/10）：${reasons[key]}。`),
  ];
  const weak = rubricKeys.filter((key) => scores[key] < 8);
  lines.push(
    '',
    '## 修改建议',
    '',
    ...(weak.length > 0 ? weak.map((key) => `- ${advice[key]}`) : ['- 整体完成度不错，可以在细节上再打磨。']),
  );
  lines.push('', `评分：${overall}/10`);
  return lines.join('\n');
}

/** Splits a paragraph longer than 80 字 after its sentences, into paragraphs of about 60. */
function splitLong(paragraph: string): string[] {
  const sentences = paragraph.match(/[^。！？!?]+[。！？!?]*/g) ?? [paragraph];
  const pieces: string[] = [];
  for (const sentence of sentences) {
    const last = pieces.at(-1);
    if (last !== undefined && Array.from(last + sentence).length <= 60) pieces[pieces.length - 1] = last + sentence;
    else pieces.push(sentence);
  }
  return pieces;
}

/** The draft revised as the review asks: a title if missing, long paragraphs split, a closing question added. */
export function buildMockRevision(modelName: string, brief: string, draft: string): string {
  const shape = draftShape(draft);
  const blocks = draft
    .trim()
    .split(/\n\s*\n/)
    .flatMap((block) => (!/^(#|>|[-*+]\s|\d+[.)]\s)/.test(block) && Array.from(block).length > 80 ? splitLong(block) : [block]));
  if (shape.title === null) blocks.unshift(`# ${mockTopic(brief)}：${mockTitleTails[0]}`);
  const note = `> 修改稿：由模拟模型 mock:${modelName} 按审稿意见修改，用于离线演示与测试。`;
  if (blocks[1]?.startsWith('> 本文由模拟模型')) blocks[1] = note;
  else blocks.splice(1, 0, note);
  if (shape.headings < 3) blocks.splice(blocks.length - 1, 0, '## 写在最后');
  if (!/[？?]/.test(shape.paragraphs.at(-1)?.text ?? '')) blocks.push('**你怎么看？欢迎在评论区聊聊。**');
  return blocks.join('\n\n');
}

/**
 * What the mock answers: the tool's own requests (marked, see `request-marker.ts`) in the format their
 * parsers expect (the judge's JSON verdict, the pairwise judge's JSON choice, a 提纲, an article, a
 * review ending in its score, a revision); any other prompt gets an article on its topic.
 */
export function buildMockReply(modelName: string, prompt: string): string {
  const judged = readJudgePrompt(prompt);
  if (judged) return buildMockVerdict(judged.drafts);
  const pair = readPairwisePrompt(prompt);
  if (pair) return buildMockPairVerdict(pair.a, pair.b);
  const staged = readStagePrompt(prompt);
  if (staged) {
    const { brief, outputs } = staged;
    switch (staged.stage) {
      case 'planner':
        return buildMockPlan(modelName, brief);
      case 'writer':
        return buildMockArticle(modelName, brief, readMockOutline(outputs.planner ?? '') ?? undefined);
      case 'reviewer':
        return buildMockReview(outputs.writer ?? '');
      case 'revise':
        return buildMockRevision(modelName, brief, outputs.writer ?? '');
    }
  }
  return buildMockArticle(modelName, prompt);
}
