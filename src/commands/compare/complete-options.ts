import type { CommandIO } from '../../cli/command-io.js';
import type { Prompter } from '../../cli/prompter.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import type { CompareOptions } from '../../plan/build-run-plan.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import { loadLastSelection, saveLastSelection } from '../../store/picker-memory.js';
import { askForPrompt } from './ask-for-prompt.js';
import { pickModels } from './pick-models.js';

/**
 * On a terminal, asks for what the command line left out: the models (single / multi / all, the
 * previous choice pre-selected) and the prompt. Without a terminal nothing is asked and the plan
 * reports what is missing.
 */
export async function completeOptions<Options extends CompareOptions>(
  options: Options,
  io: CommandIO,
  createPrompter: () => Promise<Prompter>,
  catalog?: readonly ProviderPreset[],
): Promise<Options> {
  const needsModels = options.models === undefined && !io.env.WECHAT_WRITER_MODELS?.trim();
  const needsPrompt = !options.topic?.trim() && !options.prompt && options.prompts === undefined;
  if (!io.interactive || (!needsModels && !needsPrompt)) return options;
  const prompter = await createPrompter();
  const completed = { ...options };
  if (needsModels) {
    const home = resolveHomeDirectory(io.env);
    const selection = await pickModels(prompter, io.env, await loadLastSelection(home), catalog);
    await saveLastSelection(home, selection);
    completed.models = selection.models.join(',');
  }
  if (needsPrompt) Object.assign(completed, await askForPrompt(prompter, io.cwd, io.env.HOME));
  return completed;
}
