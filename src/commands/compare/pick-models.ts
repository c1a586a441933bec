import type { PromptChoice, Prompter } from '../../cli/prompter.js';
import { UsageError } from '../../errors/usage-error.js';
import type { Env } from '../../io/env.js';
import { listProviders, type ProviderStatus } from '../../providers/registry.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import type { LastSelection } from '../../store/picker-memory.js';

/** One model the picker offers, enabled or with the reason it is not. */
export interface ModelChoice {
  id: string;
  disabledReason: string | null;
  isDefault: boolean;
  isMock: boolean;
  /** Presets that need a key; `all` takes only these (a local Ollama may not be running). */
  needsKey: boolean;
}

/** Every known model, marked as available or not (`set OPENAI_API_KEY`). */
export function modelChoices(env: Env, catalog?: readonly ProviderPreset[]): ModelChoice[] {
  return listProviders(env, catalog).flatMap((status: ProviderStatus) => {
    const known = status.preset.models.map((model) => model.id).filter((model) => model !== status.defaultModel);
    return [status.defaultModel, ...known].map((model) => ({
      id: `${status.preset.id}:${model}`,
      disabledReason: status.problems.length === 0 ? null : status.problems.join(', '),
      isDefault: model === status.defaultModel,
      isMock: status.wireFormat === 'mock',
      needsKey: status.preset.requiresKey,
    }));
  });
}

/** What `all` means in the picker: each provider with a key, its default model; the mock when no provider has a key. */
export function allModels(choices: readonly ModelChoice[]): string[] {
  const configured = choices.filter((choice) => choice.isDefault && choice.needsKey && choice.disabledReason === null);
  if (configured.length > 0) return configured.map((choice) => choice.id);
  return choices.filter((choice) => choice.isMock).map((choice) => choice.id);
}

/** Enough rows to see the available models first and the unavailable ones below. */
const pageSize = 14;

const asPromptChoice = (choice: ModelChoice, checked: boolean): PromptChoice<string> => ({
  name: choice.isMock ? `${choice.id}  (offline mock)` : choice.id,
  value: choice.id,
  disabled: choice.disabledReason ?? false,
  checked,
});

/** Asks single / multi / all, then which models; the previous selection is pre-selected. */
export async function pickModels(
  prompter: Prompter,
  env: Env,
  previous: LastSelection | null,
  catalog?: readonly ProviderPreset[],
): Promise<LastSelection> {
  const choices = modelChoices(env, catalog);
  const everything = allModels(choices);
  const mode = await prompter.select<LastSelection['mode']>({
    message: 'Compare how many models?',
    default: previous?.mode ?? 'multi',
    choices: [
      { name: 'single — one model, its text streamed as it is written', value: 'single' },
      { name: 'multi — choose several models to compare', value: 'multi' },
      { name: `all — every provider with a key (${everything.join(', ')})`, value: 'all' },
    ],
  });
  if (mode === 'all') return { mode, models: everything };
  const enabled = choices.filter((choice) => choice.disabledReason === null);
  const listed = [...enabled, ...choices.filter((choice) => choice.disabledReason !== null)];
  if (enabled.length === 0) throw new UsageError('no model is available: set a key (see .env.example) or use --models mock:alpha');
  const remembered = new Set(previous?.models ?? []);
  if (mode === 'single') {
    const first = previous?.models.find((model) => enabled.some((choice) => choice.id === model));
    const model = await prompter.select<string>({
      message: 'Which model?',
      pageSize,
      choices: listed.map((choice) => asPromptChoice(choice, false)),
      ...(first ? { default: first } : {}),
    });
    return { mode, models: [model] };
  }
  const models = await prompter.checkbox<string>({
    message: 'Which models? (space to select, enter to run)',
    required: true,
    pageSize,
    choices: listed.map((choice) => asPromptChoice(choice, remembered.has(choice.id) && choice.disabledReason === null)),
  });
  return { mode, models };
}
