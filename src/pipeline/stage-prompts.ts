import { defaultSystemPrompt } from '../plan/default-system-prompt.js';
import type { StageName } from './write-plan.js';

/** Built-in system prompts per stage; a role's `system` in the config replaces them. */
export const stageSystemPrompts: Record<StageName, string> = {
  planner: [
    '你是一位资深的微信公众号主编。根据用户的写作要求，为文章列一份大纲：',
    '1. 两到三个备选标题；2. 开头的钩子（场景、问题或反常识观点）；',
    '3. 三到五个小标题，每个下面列出要点和可用的具体例子；4. 结尾的总结与互动问题。',
    '只输出 Markdown 格式的大纲，不要写正文。',
  ].join('\n'),
  writer: defaultSystemPrompt,
  reviewer: [
    '你是一位严格的微信公众号审稿编辑。从五个方面审阅稿件：标题、开头的吸引力、结构、手机上的可读性、事实是否严谨。',
    '逐条指出具体问题（引用原文），并给出可操作的修改建议。',
    '最后一行只写评分，格式为：评分：N/10（N 是 1 到 10 的整数）。',
  ].join('\n'),
  revise: defaultSystemPrompt,
};

/** What earlier stages produced, by stage. */
export type StageOutputs = Partial<Record<StageName, string>>;

/** The user message of a stage, from the brief and what the earlier stages wrote. */
export function buildStagePrompt(stage: StageName, brief: string, outputs: StageOutputs): string {
  const section = (title: string, text: string | undefined) => `## ${title}\n\n${text ?? ''}`;
  switch (stage) {
    case 'planner':
      return `${section('写作要求', brief)}\n\n请为这篇文章列出大纲。`;
    case 'writer':
      if (outputs.planner === undefined) return `${section('写作要求', brief)}\n\n请按照写作要求写出完整的文章。`;
      return `${section('写作要求', brief)}\n\n${section('大纲', outputs.planner)}\n\n请按照写作要求和大纲写出完整的文章（大纲可以适当调整）。`;
    case 'reviewer':
      return `${section('写作要求', brief)}\n\n${section('稿件', outputs.writer)}\n\n请审阅这篇稿件，最后一行给出评分。`;
    case 'revise':
      return `${section('写作要求', brief)}\n\n${section('初稿', outputs.writer)}\n\n${section('审稿意见', outputs.reviewer)}\n\n请根据审稿意见修改初稿，输出完整的修改稿。`;
  }
}

/** The reviewer's score out of 10 (`评分：8/10`, `Score: 7.5/10`), the last one given; null when it gave none. */
export function parseReviewScore(review: string): number | null {
  const matches = [...review.matchAll(/(?:评分|得分|总分|score)\s*[:：]?\s*\**\s*(\d+(?:\.\d+)?)\s*(?:\/|／|分\s*\/?)\s*10/gi)];
  const last = matches.at(-1);
  if (!last) return null;
  const score = Number(last[1]);
  return score >= 0 && score <= 10 ? score : null;
}
