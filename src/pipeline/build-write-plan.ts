import path from 'node:path';
import type { RoleSettings, Settings } from '../config/settings.js';
import { UsageError } from '../errors/usage-error.js';
import { fileTimestamp } from '../format/file-timestamp.js';
import { t } from '../i18n/translate.js';
import { prepareOutputDirectory, readPrompt, slugFor, type PlanDeps } from '../plan/build-run-plan.js';
import { loadPriceApplier, parseCallOptions } from '../plan/parse-call-options.js';
import { resolveModelList } from '../providers/registry.js';
import { defaultRetryPolicy } from '../run/retry-policy.js';
import { stageSystemPrompts } from './stage-prompts.js';
import type { StageName, StagePlan, WritePlan } from './write-plan.js';

/** `wechat-writer write` options as the command line gives them. */
export interface WriteOptions {
  topic?: string;
  prompt?: string;
  /** Models for every role the config does not define (instead of `roles.default`). */
  models?: string;
  revise?: boolean;
  out?: string;
  maxTokens?: string;
  temperature?: string;
  timeout?: string;
  retries?: string;
  stream: boolean;
}

const stageRole: Record<StageName, string> = { planner: 'planner', writer: 'writer', reviewer: 'reviewer', revise: 'writer' };

function roleModels(
  role: string,
  options: WriteOptions,
  settings: Settings,
): { models: string; from: string; settings: RoleSettings | null; strategy?: RoleSettings['strategy'] } {
  const own = settings.roles[role];
  if (own) return { models: own.models.join(','), from: role, settings: own, strategy: own.strategy };
  if (options.models?.trim()) return { models: options.models, from: '--models', settings: null };
  const fallback = settings.roles.default;
  if (fallback) return { models: fallback.models.join(','), from: 'default', settings: null, strategy: fallback.strategy };
  const where = settings.configFile ? t('writing.plan.addRole', { role, file: settings.configFile }) : t('writing.plan.writeConfig');
  throw new UsageError(t('writing.plan.roleWithoutModels', { role, where }));
}

/** Resolves every stage's models and overrides, and reads the brief: every problem is found before any call. */
export async function buildWritePlan(options: WriteOptions, deps: PlanDeps & { settings: Settings; startedAt: Date }): Promise<WritePlan> {
  const { settings } = deps;
  const withPrices = await loadPriceApplier(deps);
  const { maxTokens, temperature, timeoutMs, retries } = parseCallOptions(options, settings, deps.env);
  const names: StageName[] = ['planner', 'writer', 'reviewer', ...(options.revise ? (['revise'] as const) : [])];
  const stages = names.map((stage): StagePlan => {
    const role = stageRole[stage];
    const found = roleModels(role, options, settings);
    const chain = resolveModelList(found.models, deps.env, settings.catalog).map(withPrices);
    return {
      stage,
      role,
      modelsFrom: found.from,
      chain,
      ...(found.strategy ? { strategy: found.strategy } : {}),
      system: found.settings?.system ?? stageSystemPrompts[stage],
      temperature: found.settings?.temperature ?? temperature,
      maxTokens: found.settings?.maxTokens ?? maxTokens,
    };
  });
  const prompt = await readPrompt(options, deps);
  const slug = slugFor(prompt);
  const outDir = await prepareOutputDirectory(options.out, deps);
  const runDir = path.join(outDir, `${fileTimestamp(deps.startedAt)}_${slug}`);
  await prepareOutputDirectory(runDir, deps);
  return {
    prompt,
    stages,
    timeoutMs,
    stream: options.stream,
    retryPolicy: { ...defaultRetryPolicy, retries },
    outDir: runDir,
    slug,
    configFile: settings.configFile,
  };
}
