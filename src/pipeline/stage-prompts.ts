import { defaultSystemPrompt } from '../plan/default-system-prompt.js';
import { markRequest, readRequestKind, withoutRequestMarker } from './request-marker.js';
import type { StageName } from './stage-name.js';

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

/** One way a stage's user message is laid out: its sections (heading, and which text fills it), then what is asked. */
interface StageLayout {
  sections: readonly (readonly [title: string, from: 'brief' | StageName])[];
  ask: string;
}

const layouts: Record<StageName, readonly StageLayout[]> = {
  planner: [{ sections: [['写作要求', 'brief']], ask: '请为这篇文章列出大纲。' }],
  writer: [
    { sections: [['写作要求', 'brief']], ask: '请按照写作要求写出完整的文章。' },
    {
      sections: [
        ['写作要求', 'brief'],
        ['大纲', 'planner'],
      ],
      ask: '请按照写作要求和大纲写出完整的文章（大纲可以适当调整）。',
    },
  ],
  reviewer: [
    {
      sections: [
        ['写作要求', 'brief'],
        ['稿件', 'writer'],
      ],
      ask: '请审阅这篇稿件，最后一行给出评分。',
    },
  ],
  revise: [
    {
      sections: [
        ['写作要求', 'brief'],
        ['初稿', 'writer'],
        ['审稿意见', 'reviewer'],
      ],
      ask: '请根据审稿意见修改初稿，输出完整的修改稿。',
    },
  ],
};

/**
 * The user message of a stage, from the brief and what the earlier stages wrote; its first line is
 * the request marker naming the stage (see `request-marker.ts`).
 */
export function buildStagePrompt(stage: StageName, brief: string, outputs: StageOutputs): string {
  // the writer works from the outline when there is one, else from the brief alone
  const layout = stage === 'writer' && outputs.planner !== undefined ? layouts.writer[1] : layouts[stage][0];
  const sections = (layout?.sections ?? []).map(([title, from]) => `## ${title}\n\n${(from === 'brief' ? brief : outputs[from]) ?? ''}`);
  return markRequest(stage, `${sections.join('\n\n')}\n\n${layout?.ask ?? ''}`);
}

/** A stage's request read back: which stage, the brief, and the earlier stages' texts it was given. */
export interface StageRequest {
  stage: StageName;
  brief: string;
  outputs: StageOutputs;
}

/**
 * Reads a stage's user message back into what `buildStagePrompt` was given; null when the prompt is
 * not one (no stage marker, or not laid out as built). Sections are found from the end, so a brief
 * with headings of its own still reads whole.
 */
export function readStagePrompt(prompt: string): StageRequest | null {
  const stage = readRequestKind(prompt);
  if (stage === null || stage === 'judge') return null;
  const body = withoutRequestMarker(prompt);
  for (const layout of [...layouts[stage]].reverse()) {
    const suffix = `\n\n${layout.ask}`;
    if (!body.endsWith(suffix)) continue;
    let rest = body.slice(0, -suffix.length);
    const outputs: StageOutputs = {};
    let brief: string | null = null;
    for (const [position, [title, from]] of [...layout.sections.entries()].reverse()) {
      const heading = `## ${title}\n\n`;
      let at = position === 0 ? (rest.startsWith(heading) ? 0 : -1) : rest.lastIndexOf(`\n\n${heading}`);
      if (at === -1) break;
      // a text that opens with its own section's heading (a review headed `## 审稿意见`) keeps it
      if (position > 0 && rest.slice(0, at).endsWith(`\n\n## ${title}`)) at -= `\n\n## ${title}`.length;
      const text = rest.slice(at + (position === 0 ? 0 : 2) + heading.length);
      if (from === 'brief') brief = text;
      else outputs[from] = text;
      rest = rest.slice(0, at);
    }
    if (brief !== null) return { stage, brief, outputs };
  }
  return null;
}

/** The reviewer's score out of 10 (`评分：8/10`, `Score: 7.5/10`), the last one given; null when it gave none. */
export function parseReviewScore(review: string): number | null {
  const matches = [...review.matchAll(/(?:评分|得分|总分|score)\s*[:：]?\s*\**\s*(\d+(?:\.\d+)?)\s*(?:\/|／|分\s*\/?)\s*10/gi)];
  const last = matches.at(-1);
  if (!last) return null;
  const score = Number(last[1]);
  return score >= 0 && score <= 10 ? score : null;
}
