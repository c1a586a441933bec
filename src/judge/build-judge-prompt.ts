import { markRequest, readRequestKind, withoutRequestMarker } from '../pipeline/request-marker.js';
import { judgeRubric, rubricKeys, scoreRange } from './judge-rubric.js';

/** One draft as the judge sees it: a label, never the model that wrote it. */
export interface JudgeDraft {
  /** `A`, `B`, … (`AA` after `Z`), in the order shown. */
  label: string;
  /** Index of the draft in the outputs given to `buildJudgePrompt`. */
  index: number;
}

/** The judge's request, and which label stands for which output. */
export interface JudgePrompt {
  system: string;
  prompt: string;
  /** In the order shown to the judge. */
  drafts: JudgeDraft[];
}

/** The label of the draft shown at `position` (0-based): A…Z, then AA, AB, … */
export function draftLabel(position: number): string {
  let label = '';
  let rest = position;
  do {
    label = String.fromCharCode(65 + (rest % 26)) + label;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return label;
}

/** A shuffled copy (Fisher–Yates), driven by `random` so a test or a seed can fix the order. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.min(index, Math.floor(random() * (index + 1)));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

const rubricLines = rubricKeys.map((key) => `- ${key}：${judgeRubric[key].zh}（${judgeRubric[key].en}）`).join('\n');

const system = `你是一位严格、公正的微信公众号资深编辑，负责盲评同一写作要求下的多篇稿件。
You are a strict, fair senior editor of WeChat Official Account articles, judging drafts written to the same brief, blind.

按以下五项给每篇稿件打分，每项为 ${scoreRange.min} 到 ${scoreRange.max} 的整数（${scoreRange.max} 最好）：
Score every draft on these five criteria, each an integer from ${scoreRange.min} to ${scoreRange.max} (${scoreRange.max} is best):
${rubricLines}

规则 / Rules:
- 每篇稿件独立评分，稿件的顺序和长度本身不加分。Judge each draft on its own merits; its position and length earn nothing.
- 稿件的作者未知，不要猜测。The authors are unknown; do not guess them.
- 每项给出一句话理由。Give a one-line reason for every score.
- 只输出 JSON，不要输出任何其他文字。Reply with the JSON only, nothing else.`;

const briefHeading = '## 写作要求（Brief）';
const frameStart = (label: string) => `===== 稿件 ${label}（Draft ${label}）开始 =====`;
const frameEnd = (label: string) => `===== 稿件 ${label}（Draft ${label}）结束 =====`;

function exampleVerdict(label: string): string {
  const scores = rubricKeys.map((key) => `"${key}": <${scoreRange.min}-${scoreRange.max}>`).join(', ');
  const reasons = rubricKeys.map((key) => `"${key}": "<一句话理由>"`).join(', ');
  return `{"label": "${label}", "scores": {${scores}}, "reasons": {${reasons}}}`;
}

/**
 * Builds the judge's request: the brief, then every output labelled only 稿件 A, B, … (Draft A, B, …)
 * in a shuffled order, then the JSON verdict asked for. No model id or provider name is ever added.
 */
export function buildJudgePrompt(brief: string, outputs: readonly string[], random: () => number): JudgePrompt {
  if (outputs.length === 0) throw new Error('buildJudgePrompt needs at least one output');
  const order = shuffled(
    outputs.map((_, index) => index),
    random,
  );
  const drafts = order.map((index, position) => ({ label: draftLabel(position), index }));
  const labels = drafts.map((draft) => draft.label);
  const shown = drafts.map((draft) => `${frameStart(draft.label)}\n${(outputs[draft.index] ?? '').trim()}\n${frameEnd(draft.label)}`);
  const prompt = `${briefHeading}

${brief.trim()}

## 待评稿件（Drafts）：共 ${drafts.length} 篇，标记为 ${labels.join('、')}

${shown.join('\n\n')}

## 输出格式（Reply format）

请为每篇稿件（${labels.join('、')}）各给出一项评分，只回复如下 JSON：
Reply with exactly this JSON, one entry per draft (${labels.join(', ')}):
{"drafts": [${exampleVerdict(labels[0] ?? 'A')}${labels.length > 1 ? ', …' : ''}]}`;
  return { system, prompt: markRequest('judge', prompt), drafts };
}

/** One draft as the judge's request shows it. */
export interface ShownDraft {
  label: string;
  text: string;
}

/**
 * Reads the judge's request back: the drafts in the order shown, each with its label and text (as
 * trimmed for the judge); null when the prompt is not a judge's request.
 */
export function readJudgePrompt(prompt: string): { drafts: ShownDraft[] } | null {
  if (readRequestKind(prompt) !== 'judge') return null;
  const body = withoutRequestMarker(prompt);
  if (!body.startsWith(briefHeading)) return null;
  const drafts: ShownDraft[] = [];
  let cursor = 0;
  for (let position = 0; ; position += 1) {
    const label = draftLabel(position);
    const start = body.indexOf(`\n${frameStart(label)}\n`, cursor);
    if (start === -1) break;
    const from = start + frameStart(label).length + 2;
    const end = body.indexOf(`\n${frameEnd(label)}`, from - 1);
    if (end === -1) break;
    drafts.push({ label, text: body.slice(from, Math.max(from, end)) });
    cursor = end + frameEnd(label).length + 1;
  }
  return drafts.length === 0 ? null : { drafts };
}
