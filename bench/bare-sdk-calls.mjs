// Baseline for bench/compare-startup.mjs: the least a 2-model run can do with the SDKs alone.
// Imports `openai` and `@anthropic-ai/sdk`, then makes the same two streaming calls the CLI makes
// for `--models openai:bench-gpt,anthropic:bench-claude` (one after the other, as the CLI does),
// consuming each whole stream. Reads OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OPENAI_API_KEY and
// ANTHROPIC_API_KEY from the environment; exits 1 if a call fails or returns no text. The calls come
// from bench-support.mjs, which loads next to nothing else (~0.5 ms).
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { streamAnthropicMessages, streamOpenAIChat } from './bench-support.mjs';

const system = 'You are a WeChat article writer.';
const prompt = 'Write a short article about winter coffee.';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 });
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL, maxRetries: 0 });

const results = [
  await streamOpenAIChat(openai, { model: 'bench-gpt', system, prompt }),
  await streamAnthropicMessages(anthropic, { model: 'bench-claude', maxTokens: 8192, system, prompt }),
];
if (results.some((result) => result.text === '')) {
  process.stderr.write('bare-sdk-calls: a call returned no text\n');
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(results.map((result) => ({ chars: result.text.length, usage: result.usage })))}\n`);
