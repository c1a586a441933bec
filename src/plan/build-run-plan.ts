import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import { resolveModelList, type Env } from '../providers/registry.js';
import { defaultSystemPrompt, promptFromTopic } from './default-system-prompt.js';
import { parseNumberInRange, parsePositiveInteger } from './parse-number-option.js';
import type { PromptSource, RunPlan } from './run-plan.js';
import { slugify } from './slugify.js';

/** The comparison options as the command line gives them (strings, unvalidated). */
export interface CompareOptions {
  topic?: string;
  models?: string;
  prompt?: string;
  system?: string;
  out?: string;
  maxTokens?: string;
  temperature?: string;
  timeout?: string;
  stream: boolean;
}

/** File system and input access the plan needs, injected so tests need no disk or terminal. */
export interface PlanDeps {
  env: Env;
  cwd: string;
  readTextFile(filePath: string): Promise<string>;
  readStdin(): Promise<string>;
  makeDirectory(directory: string): Promise<void>;
}

export const defaultTimeoutMs = 120_000;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

async function readFileOption(flag: string, filePath: string, deps: PlanDeps): Promise<string> {
  try {
    return await deps.readTextFile(path.resolve(deps.cwd, filePath));
  } catch (error) {
    throw new UsageError(`cannot read ${flag} file "${filePath}" (${errorCode(error)}): check the path given to ${flag}`);
  }
}

async function readPrompt(options: CompareOptions, deps: PlanDeps): Promise<PromptSource> {
  const topic = options.topic?.trim() || null;
  if (topic && options.prompt) {
    throw new UsageError('give either a topic or --prompt <file>, not both');
  }
  if (topic) return { text: promptFromTopic(topic), source: 'topic', topic };
  if (!options.prompt) {
    throw new UsageError('no prompt: pass a topic (wechat-writer "选题") or --prompt brief.md (--prompt - reads stdin)');
  }
  const text = options.prompt === '-' ? await deps.readStdin() : await readFileOption('--prompt', options.prompt, deps);
  if (text.trim() === '') {
    const where = options.prompt === '-' ? 'stdin' : `"${options.prompt}"`;
    throw new UsageError(`the prompt from ${where} is empty: write the brief into it, or pass a topic instead`);
  }
  return { text, source: options.prompt === '-' ? 'stdin' : options.prompt, topic: null };
}

function slugFor(prompt: PromptSource): string {
  if (prompt.topic) return slugify(prompt.topic);
  if (prompt.source !== 'stdin') return slugify(path.basename(prompt.source, path.extname(prompt.source)));
  const firstLine = prompt.text.split('\n').find((line) => line.trim() !== '') ?? '';
  return slugify(firstLine.replace(/^#+\s*/, ''));
}

/** Validates options against the environment and builds the plan; throws UsageError on bad input. */
export async function buildRunPlan(options: CompareOptions, deps: PlanDeps): Promise<RunPlan> {
  const modelList = options.models ?? deps.env.WECHAT_WRITER_MODELS;
  if (!modelList || modelList.trim() === '') {
    throw new UsageError('no models selected: pass --models (e.g. --models mock:alpha,gpt) or set WECHAT_WRITER_MODELS');
  }
  const models = resolveModelList(modelList, deps.env);
  const maxTokens = options.maxTokens === undefined ? null : parsePositiveInteger('--max-tokens', options.maxTokens);
  const temperature = options.temperature === undefined ? null : parseNumberInRange('--temperature', options.temperature, 0, 2);
  const timeoutMs = options.timeout === undefined ? defaultTimeoutMs : parsePositiveInteger('--timeout', options.timeout);
  const prompt = await readPrompt(options, deps);
  const system = options.system ? await readFileOption('--system', options.system, deps) : defaultSystemPrompt;
  const outDir = path.resolve(deps.cwd, options.out ?? (deps.env.OUTPUT_DIR?.trim() || 'output'));
  try {
    await deps.makeDirectory(outDir);
  } catch (error) {
    throw new UsageError(`cannot create output directory "${outDir}" (${errorCode(error)}): pass --out <dir> or set OUTPUT_DIR`);
  }
  return { models, prompt, system, maxTokens, temperature, timeoutMs, stream: options.stream, outDir, slug: slugFor(prompt) };
}
