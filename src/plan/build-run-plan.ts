import path from 'node:path';
import { builtInSettings, fileProblem } from '../config/load-settings.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors/usage-error.js';
import type { Env } from '../io/env.js';
import { t } from '../i18n/translate.js';
import { parseJudgeMode } from '../judge/judge-mode.js';
import { resolveModelList, type ResolvedModel } from '../providers/registry.js';
import { defaultRetryPolicy } from '../run/retry-policy.js';
import { maxConcurrency } from './concurrency-limit.js';
import { loadPriceApplier, parseCallOptions } from './parse-call-options.js';
import { defaultSystemPrompt, promptFromTopic } from './default-system-prompt.js';
import { parseWholeNumberInRange } from './parse-number-option.js';
import type { BatchPrompt } from '../batch/read-prompt-batch.js';
import type { PromptSource, RunPlan } from './run-plan.js';
import { slugify } from './slugify.js';
import { maxBriefBytes, mebibytes, overBytes } from './brief-limits.js';

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
  retries?: string;
  fallback?: string;
  /** `--judge <model>`: scores every output blind on a fixed rubric after the run. */
  judge?: string;
  /** `--judge-mode rubric|pairwise` (needs `--judge`; rubric when absent). */
  judgeMode?: string;
  /** `--prompts <dir|file.jsonl>`: a batch, every prompt on every model. */
  prompts?: string;
  /** A batch already in hand (a rerun), instead of `--prompts`. */
  promptBatch?: BatchPrompt[];
  /** How many models at once (default 1, or the config file's `concurrency`). */
  concurrency?: string;
  /** The config file (`--config`); settings loaded from it arrive separately, see `PlanDeps.settings`. */
  config?: string;
  cache?: boolean;
  /** Stream replies; unset means yes for one prompt, no for a batch (nothing is shown live there). */
  stream?: boolean;
  /** A prompt already in hand (a rerun), instead of a topic, file or stdin. */
  promptText?: PromptSource;
  /** A system prompt already in hand (a rerun), instead of --system. */
  systemText?: string;
}

/** File system and input access the plan needs, injected so tests need no disk or terminal. */
export interface PlanDeps {
  env: Env;
  cwd: string;
  readTextFile(filePath: string): Promise<string>;
  readStdin(): Promise<string>;
  makeDirectory(directory: string): Promise<void>;
  /** The config file's settings (catalogue, retries, concurrency); built-in ones when absent. */
  settings?: Settings;
}

export { defaultTimeoutMs } from './parse-call-options.js';

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

async function readFileOption(flag: string, filePath: string, deps: Pick<PlanDeps, 'cwd' | 'readTextFile'>): Promise<string> {
  let text: string;
  try {
    text = await deps.readTextFile(path.resolve(deps.cwd, filePath));
  } catch (error) {
    throw new UsageError(t('config.plan.fileProblem', { flag, file: filePath, problem: fileProblem(errorCode(error)) }));
  }
  if (text.includes('\u0000') || text.includes('\ufffd')) {
    throw new UsageError(t('config.plan.fileBinary', { flag, file: filePath }));
  }
  const bytes = overBytes(text, maxBriefBytes);
  if (bytes !== null) {
    throw new UsageError(t('config.plan.fileTooBig', { flag, file: filePath, size: mebibytes(bytes), limit: mebibytes(maxBriefBytes) }));
  }
  return text;
}

/** The prompt from a topic, a file or stdin (exactly one); throws UsageError naming the fix. */
export async function readPrompt(
  options: Pick<CompareOptions, 'topic' | 'prompt' | 'promptText'>,
  deps: Pick<PlanDeps, 'cwd' | 'readTextFile' | 'readStdin'>,
): Promise<PromptSource> {
  if (options.promptText) return options.promptText;
  const topic = options.topic?.trim() || null;
  if (topic && options.prompt) {
    throw new UsageError(t('config.plan.topicAndPrompt'));
  }
  if (topic) return { text: promptFromTopic(topic), source: 'topic', topic };
  if (!options.prompt) {
    throw new UsageError(t('config.plan.noPrompt'));
  }
  const text = options.prompt === '-' ? await deps.readStdin() : await readFileOption('--prompt', options.prompt, deps);
  const stdinBytes = options.prompt === '-' ? overBytes(text, maxBriefBytes) : null;
  if (stdinBytes !== null) {
    throw new UsageError(t('config.plan.stdinTooBig', { size: mebibytes(stdinBytes), limit: mebibytes(maxBriefBytes) }));
  }
  if (text.trim() === '') {
    const where = options.prompt === '-' ? 'stdin' : `"${options.prompt}"`;
    throw new UsageError(t('config.plan.promptEmpty', { where }));
  }
  return { text, source: options.prompt === '-' ? 'stdin' : options.prompt, topic: null };
}

/** A file-name-safe name for the piece: the topic, the prompt file's name, or stdin's first line. */
export function slugFor(prompt: PromptSource): string {
  if (prompt.topic) return slugify(prompt.topic);
  if (prompt.source !== 'stdin') return slugify(path.basename(prompt.source, path.extname(prompt.source)));
  const firstLine = prompt.text.split('\n').find((line) => line.trim() !== '') ?? '';
  return slugify(firstLine.replace(/^#+\s*/, ''));
}

function resolveFallback(spec: string, env: Env, catalog: Settings['catalog']): ResolvedModel {
  if (spec.includes(',') || spec.trim() === 'all') {
    throw new UsageError(t('config.plan.fallbackOne', { spec }));
  }
  const [fallback] = resolveModelList(spec, env, catalog);
  if (!fallback) throw new UsageError(t('config.plan.fallbackEmpty'));
  return fallback;
}

/** `--judge`: one model, resolved and checked (key, endpoint) before anything is called. */
function resolveJudge(spec: string, env: Env, catalog: Settings['catalog']): ResolvedModel {
  if (spec.includes(',') || spec.trim() === 'all') throw new UsageError(t('config.plan.judgeOne', { spec }));
  if (spec.trim() === '') throw new UsageError(t('config.plan.judgeEmpty'));
  try {
    const [judge] = resolveModelList(spec, env, catalog);
    if (!judge) throw new UsageError(t('config.plan.judgeEmpty'));
    return judge;
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`--judge: ${error.message}`);
    throw error;
  }
}

async function readPromptOrBatch(options: CompareOptions, deps: PlanDeps): Promise<{ prompt: PromptSource; batch: BatchPrompt[] | null }> {
  if (options.promptBatch)
    return { prompt: options.promptText ?? batchPromptSource(options.promptBatch, 'rerun'), batch: options.promptBatch };
  if (options.prompts === undefined) return { prompt: await readPrompt(options, deps), batch: null };
  if (options.topic?.trim() || options.prompt) throw new UsageError(t('config.plan.severalPrompts'));
  const { readPromptBatch } = await import('../batch/read-prompt-batch.js');
  const batch = await readPromptBatch(options.prompts, deps);
  return { prompt: batchPromptSource(batch, options.prompts), batch };
}

/** A batch as one prompt text (`## id` sections), for the history's search and the report header. */
const batchPromptSource = (batch: readonly BatchPrompt[], source: string): PromptSource => ({
  text: batch.map((item) => `## ${item.id}\n\n${item.text}`).join('\n\n'),
  source,
  topic: null,
});

/** Validates options against the environment and builds the plan; throws UsageError on bad input. */
export async function buildRunPlan(options: CompareOptions, deps: PlanDeps): Promise<RunPlan> {
  if (options.models !== undefined && options.models.trim() === '') {
    throw new UsageError(t('config.plan.modelsEmpty'));
  }
  const modelList = options.models ?? deps.env.WECHAT_WRITER_MODELS;
  if (!modelList || modelList.trim() === '') {
    throw new UsageError(t('config.plan.noModels'));
  }
  const withPrices = await loadPriceApplier(deps);
  const settings = deps.settings ?? builtInSettings;
  const models = resolveModelList(modelList, deps.env, settings.catalog).map(withPrices);
  const { maxTokens, temperature, timeoutMs, retries } = parseCallOptions(options, settings, deps.env);
  const concurrency =
    options.concurrency === undefined
      ? (settings.concurrency ?? 1)
      : parseWholeNumberInRange('--concurrency', options.concurrency, 1, maxConcurrency);
  const fallbacks = options.fallback === undefined ? [] : [withPrices(resolveFallback(options.fallback, deps.env, settings.catalog))];
  const judgeMode = parseJudgeMode(options.judgeMode, options.judge);
  const judge = options.judge === undefined ? null : withPrices(resolveJudge(options.judge, deps.env, settings.catalog));
  const { prompt, batch } = await readPromptOrBatch(options, deps);
  const system = options.systemText ?? (options.system ? await readFileOption('--system', options.system, deps) : defaultSystemPrompt);
  const outDir = await prepareOutputDirectory(options.out, deps);
  return {
    models,
    prompt,
    system,
    maxTokens,
    temperature,
    timeoutMs,
    stream: options.stream ?? batch === null,
    cache: options.cache === true,
    retryPolicy: { ...defaultRetryPolicy, retries },
    fallbacks,
    batch,
    judge,
    judgeMode,
    concurrency,
    outDir,
    slug: slugFor(prompt),
  };
}

/** What is wrong with an output directory that could not be made, from its error code. */
function directoryProblem(code: string): string {
  if (code === 'EEXIST') return t('config.plan.outDir.exists');
  if (code === 'ENOTDIR') return t('config.plan.outDir.insideFile');
  if (code === 'EACCES') return t('config.plan.outDir.notWritable');
  if (code === 'EROFS') return t('config.plan.outDir.readOnly');
  return t('config.plan.outDir.cannotWrite', { code });
}

/** `--out`, else `OUTPUT_DIR`, else `./output`, created; throws UsageError when it cannot be written. */
export async function prepareOutputDirectory(
  out: string | undefined,
  deps: Pick<PlanDeps, 'env' | 'cwd' | 'makeDirectory'>,
): Promise<string> {
  const outDir = path.resolve(deps.cwd, out ?? (deps.env.OUTPUT_DIR?.trim() || 'output'));
  try {
    await deps.makeDirectory(outDir);
  } catch (error) {
    const code = errorCode(error);
    throw new UsageError(t('config.plan.outDir', { dir: outDir, problem: directoryProblem(code) }));
  }
  return outDir;
}
