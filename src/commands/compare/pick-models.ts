import type { PromptChoice, Prompter } from '../../cli/prompter.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { Env } from '../../io/env.js';
import { presetCatalog } from '../../providers/preset-catalog.js';
import { listProviders, type ProviderStatus } from '../../providers/registry.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import type { LastSelection } from '../../store/picker-memory.js';
import { isLocalServer, localServerHint, probeLocalServers } from './probe-local-servers.js';

/** One model the picker offers, enabled or with the reason it is not. */
export interface ModelChoice {
  id: string;
  disabledReason: string | null;
  isDefault: boolean;
  isMock: boolean;
  /** Presets that need a key; `all` takes only these (a local Ollama may not be running). */
  needsKey: boolean;
  /** Served by a local program (Ollama): usable only when it answered the probe. */
  isLocal: boolean;
}

/**
 * Every known model, marked as available or not (`set OPENAI_API_KEY`). A local server (Ollama) is
 * available only when its id is in `runningLocal` (it answered the probe), else `start Ollama or set
 * OLLAMA_HOST`.
 */
export function modelChoices(env: Env, catalog?: readonly ProviderPreset[], runningLocal: ReadonlySet<string> = new Set()): ModelChoice[] {
  return listProviders(env, catalog).flatMap((status: ProviderStatus) => {
    const known = status.preset.models.map((model) => model.id).filter((model) => model !== status.defaultModel);
    const isLocal = isLocalServer(status.preset);
    const problems =
      status.problems.length > 0 ? status.problems : isLocal && !runningLocal.has(status.preset.id) ? [localServerHint(status.preset)] : [];
    return [status.defaultModel, ...known].map((model) => ({
      id: `${status.preset.id}:${model}`,
      disabledReason: problems.length === 0 ? null : problems.join(', '),
      isDefault: model === status.defaultModel,
      isMock: status.wireFormat === 'mock',
      needsKey: status.preset.requiresKey,
      isLocal,
    }));
  });
}

/** What `all` means in the picker: each provider with a key, its default model; the mock when no provider has a key. */
export function allModels(choices: readonly ModelChoice[]): string[] {
  const configured = choices.filter((choice) => choice.isDefault && choice.needsKey && choice.disabledReason === null);
  if (configured.length > 0) return configured.map((choice) => choice.id);
  return choices.filter((choice) => choice.isMock).map((choice) => choice.id);
}

/**
 * The order the picker lists models in, so its cursor starts on one that works: the ready models
 * with a key (those chosen last time first), then a running local server, then the mock, then every
 * model that cannot run, greyed with the reason.
 */
export function orderedChoices(choices: readonly ModelChoice[], remembered: ReadonlySet<string> = new Set()): ModelChoice[] {
  const rank = (choice: ModelChoice) => {
    if (choice.disabledReason !== null) return 5;
    if (choice.isMock) return 4;
    if (choice.isLocal) return remembered.has(choice.id) ? 2 : 3;
    return remembered.has(choice.id) ? 0 : 1;
  };
  return choices
    .map((choice, index) => ({ choice, index }))
    .sort((a, b) => rank(a.choice) - rank(b.choice) || a.index - b.index)
    .map(({ choice }) => choice);
}

/** Enough rows to see the available models first and the unavailable ones below. */
const pageSize = 14;

const asPromptChoice = (choice: ModelChoice, checked: boolean): PromptChoice<string> => ({
  name: choice.isMock ? `${choice.id}  ${t('compare.picker.offlineMock')}` : choice.id,
  value: choice.id,
  disabled: choice.disabledReason ?? false,
  checked,
});

/**
 * Asks single / multi / all, then which models. Local servers (Ollama) are probed once, while the
 * first question is on screen; the cursor starts on a ready model: the previous choice when it is
 * ready, else the first model with a key, else a running local server, else the mock.
 */
export async function pickModels(
  prompter: Prompter,
  env: Env,
  previous: LastSelection | null,
  catalog?: readonly ProviderPreset[],
  probe: (env: Env, catalog: readonly ProviderPreset[]) => Promise<ReadonlySet<string>> = probeLocalServers,
): Promise<LastSelection> {
  const running = probe(env, catalog ?? presetCatalog);
  const everything = allModels(modelChoices(env, catalog));
  const mode = await prompter.select<LastSelection['mode']>({
    message: t('compare.picker.mode'),
    default: previous?.mode ?? 'multi',
    choices: [
      { name: t('compare.picker.single'), value: 'single' },
      { name: t('compare.picker.multi'), value: 'multi' },
      { name: t('compare.picker.all', { models: everything.join(', ') }), value: 'all' },
    ],
  });
  if (mode === 'all') return { mode, models: everything };
  const remembered = new Set(previous?.models ?? []);
  const listed = orderedChoices(modelChoices(env, catalog, await running), remembered);
  const enabled = listed.filter((choice) => choice.disabledReason === null);
  if (enabled.length === 0) throw new UsageError(t('compare.picker.noModel'));
  if (mode === 'single') {
    const first = previous?.models.find((model) => enabled.some((choice) => choice.id === model)) ?? enabled[0]!.id;
    const model = await prompter.select<string>({
      message: t('compare.picker.whichModel'),
      pageSize,
      choices: listed.map((choice) => asPromptChoice(choice, false)),
      default: first,
    });
    return { mode, models: [model] };
  }
  const models = await prompter.checkbox<string>({
    message: t('compare.picker.whichModels'),
    required: true,
    pageSize,
    choices: listed.map((choice) => asPromptChoice(choice, remembered.has(choice.id) && choice.disabledReason === null)),
  });
  return { mode, models };
}
