import type { Command } from 'commander';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { presetCatalog } from '../../providers/preset-catalog.js';
import { completionScript, type CompletionWords } from './completion-script.js';

const flagsOf = (command: Command) => command.options.flatMap((option) => [option.short, option.long].filter((flag) => flag !== undefined));

/** The words a completion offers, read from the program itself, so a new option completes too. */
export function completionWords(program: Command): CompletionWords {
  return {
    programOptions: [...flagsOf(program), '--help', '--version'],
    commands: [
      ...program.commands.map((command) => ({ name: command.name(), options: [...flagsOf(command), '--help'] })),
      { name: 'help', options: program.commands.map((command) => command.name()) },
    ],
    modelIds: presetCatalog.flatMap((preset) => [...preset.aliases, ...preset.models.map((model) => `${preset.id}:${model.id}`)]),
  };
}

/** `wechat-writer completion bash|zsh|fish`: the script on stdout. */
export function runCompletion(shell: string, program: Command, io: CommandIO): ExitCodeValue {
  const script = completionScript(shell.trim().toLowerCase(), completionWords(program));
  if (script === null) throw new UsageError(t('cli.completion.unknownShell', { shell }));
  io.stdout.write(script);
  return ExitCode.ok;
}
