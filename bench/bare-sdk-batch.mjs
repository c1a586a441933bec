// The floor for bench/batch-bench.mjs and bench/scale-bench.mjs: the same calls (BENCH_PROMPTS prompts,
// default 40, × 5 models, BENCH_CONCURRENCY at once, default 50, whole replies) made with the bare
// `openai` SDK and nothing else: one shared client, no files, no history, no table. Reads
// BENCH_BASE_URL (and BENCH_CALLS=1 for one call only, its startup); prints nothing; exits 1 if a call
// fails.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.BENCH_BASE_URL, apiKey: 'sk-bench', maxRetries: 0 });
const cells = [];
const prompts = Number(process.env.BENCH_PROMPTS ?? 40);
for (let prompt = 1; prompt <= prompts; prompt += 1)
  for (const provider of ['p1', 'p2', 'p3', 'p4', 'p5']) cells.push({ prompt, provider });
const single = process.env.BENCH_CALLS === '1';
if (single) cells.length = 1;
let next = 0;
async function worker() {
  while (next < cells.length) {
    const cell = cells[next];
    next += 1;
    const reply = await client.chat.completions.create({
      model: single ? 'instant' : `m-${cell.provider}`,
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: `选题 ${cell.prompt}：写一篇短文` },
      ],
    });
    if (!reply.choices[0]?.message?.content) throw new Error(`empty reply for ${cell.provider}/${cell.prompt}`);
  }
}
await Promise.all(Array.from({ length: Number(process.env.BENCH_CONCURRENCY ?? 50) }, worker));
