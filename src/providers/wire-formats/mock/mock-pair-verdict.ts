import { rubricKeys } from '../../../judge/judge-rubric.js';
import { assessDraft } from './mock-assess-draft.js';

/**
 * Up to this many rubric points apart (of 50: five criteria scored 1–10) the mock judge finds two
 * drafts close, and then prefers the one shown first: a deliberate, deterministic position bias, so
 * the pairwise judge's check (both orders, disagreement → tie) shows its effect offline.
 */
export const mockCloseMargin = 1;

const points = (text: string) => {
  const { scores } = assessDraft(text);
  return rubricKeys.reduce((sum, key) => sum + scores[key], 0);
};

/**
 * The mock judge's choice between the draft shown as A and the one shown as B, in exactly the JSON
 * the pairwise request asks for. It measures both drafts as the rubric mock does (`assessDraft`):
 * identical drafts tie; more than `mockCloseMargin` points apart, the better wins whatever its side;
 * closer than that, A (the first shown) wins, so the two orders of such a pair disagree.
 */
export function buildMockPairVerdict(first: string, second: string): string {
  const [a, b] = [points(first), points(second)];
  if (first.trim() === second.trim()) return JSON.stringify({ winner: 'tie', reason: '两篇稿件完全相同' });
  if (Math.abs(a - b) <= mockCloseMargin) {
    return JSON.stringify({ winner: 'A', reason: `两篇相差不大（${a} 比 ${b} 分），先读到的稿件 A 印象更深` });
  }
  const winner = a > b ? 'A' : 'B';
  return JSON.stringify({ winner, reason: `稿件 ${winner} 的标题、开头、结构和段落更适合手机阅读（${a} 比 ${b} 分）` });
}
