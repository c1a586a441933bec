import { markRequest, readMarkedKind, withoutRequestMarker } from '../pipeline/request-marker.js';
import { judgeRubric, rubricKeys } from './judge-rubric.js';

/** The pairwise judge's request for one order of one pair. */
export interface PairwisePrompt {
  system: string;
  prompt: string;
}

const criteria = rubricKeys.map((key) => `- ${judgeRubric[key].zh}（${judgeRubric[key].en}）`).join('\n');

const system = `你是一位严格、公正的微信公众号资深编辑，负责盲比同一写作要求下的两篇稿件，选出更好的一篇。
You are a strict, fair senior editor of WeChat Official Account articles, comparing two drafts written to the same brief, blind, to pick the better one.

比较时考虑以下几点 / Weigh these criteria:
${criteria}

规则 / Rules:
- 稿件出现的先后顺序没有任何意义，长度本身不加分。The order the drafts are shown in means nothing; length earns nothing.
- 稿件的作者未知，不要猜测。The authors are unknown; do not guess them.
- 只有两篇确实难分高下时才判平局（"tie"）。Answer "tie" only when neither is better.
- 只输出 JSON，不要输出任何其他文字。Reply with the JSON only, nothing else.`;

const briefHeading = '## 写作要求（Brief）';
const draftsHeading = '## 待比较的两篇稿件（Two drafts）';
const frameStart = (label: string) => `===== 稿件 ${label}（Draft ${label}）开始 =====`;
const frameEnd = (label: string) => `===== 稿件 ${label}（Draft ${label}）结束 =====`;
const frame = (label: string, text: string) => `${frameStart(label)}\n${text.trim()}\n${frameEnd(label)}`;

/**
 * The request comparing two drafts, `first` shown as 稿件 A and `second` as 稿件 B, marked
 * `judge-pair`; the strict reply asked for is `{"winner": "A" | "B" | "tie", "reason": "…"}`. No model
 * id or provider name is ever added: the drafts' own text is all the judge sees.
 */
export function buildPairwisePrompt(brief: string, first: string, second: string): PairwisePrompt {
  const prompt = `${briefHeading}

${brief.trim()}

${draftsHeading}

${frame('A', first)}

${frame('B', second)}

## 输出格式（Reply format）

哪一篇更好？只回复如下 JSON，winner 取 "A"、"B" 或 "tie"：
Which draft is better? Reply with exactly this JSON, winner being "A", "B" or "tie":
{"winner": "A", "reason": "<一句话理由 / one-line reason>"}`;
  return { system, prompt: markRequest('judge-pair', prompt) };
}

/** Reads a pairwise request back: the draft shown as A and the one shown as B; null for any other prompt. */
export function readPairwisePrompt(prompt: string): { a: string; b: string } | null {
  if (readMarkedKind(prompt) !== 'judge-pair') return null;
  const body = withoutRequestMarker(prompt);
  const between = (label: string, from: number): { text: string; end: number } | null => {
    const start = body.indexOf(`\n${frameStart(label)}\n`, from);
    if (start === -1) return null;
    const textStart = start + frameStart(label).length + 2;
    const end = body.indexOf(`\n${frameEnd(label)}`, textStart - 1);
    if (end === -1) return null;
    return { text: body.slice(textStart, Math.max(textStart, end)), end };
  };
  const a = between('A', body.indexOf(draftsHeading));
  const b = a && between('B', a.end);
  return a && b ? { a: a.text, b: b.text } : null;
}
