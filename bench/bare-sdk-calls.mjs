// Baseline for bench/compare-startup.mjs: the least a 2-model run can do with the SDKs alone.
// Imports `openai` and `@anthropic-ai/sdk`, then makes the same two streaming calls the CLI makes
// for `--models openai:bench-gpt,anthropic:bench-claude` (one after the other, as the CLI does),
// consuming each whole stream. Reads OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OPENAI_API_KEY and
// ANTHROPIC_API_KEY from the environment; exits 1 if a call fails or returns no text.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

const system = 'You are a WeChat article writer.';
const prompt = 'Write a short article about winter coffee.';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 });
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL, maxRetries: 0 });

async function callOpenAI() {
  const stream = await openai.chat.completions.create({
    model: 'bench-gpt',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: prompt },
    ],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    text += chunk.choices?.[0]?.delta?.content ?? '';
    usage = chunk.usage ?? usage;
  }
  return { text, usage };
}

async function callAnthropic() {
  const stream = await anthropic.messages.create({
    model: 'bench-claude',
    max_tokens: 8192,
    system,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  let text = '';
  let usage = null;
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_start') usage = event.message.usage;
  }
  return { text, usage };
}

const results = [await callOpenAI(), await callAnthropic()];
if (results.some((result) => result.text === '')) {
  process.stderr.write('bare-sdk-calls: a call returned no text\n');
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(results.map((result) => ({ chars: result.text.length, usage: result.usage })))}\n`);
