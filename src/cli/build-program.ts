import { Command, Option } from 'commander';
import type { CompareDeps } from '../commands/compare/run-compare.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import type { ListHistoryOptions } from '../commands/history/list-history.js';
import type { ShowHistoryOptions } from '../commands/history/show-history.js';
import type { WriteCommandOptions } from '../commands/write/run-write.js';
import type { RerunOptions } from '../commands/rerun/run-rerun.js';
import type { ResumeOptions } from '../commands/resume/run-resume.js';
import type { StatsCommandOptions } from '../commands/stats/run-stats.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { CommandIO } from './command-io.js';
import type { InitPrompter } from './prompter.js';
import { localizeCommanderError, localizedHelp } from './localize-help.js';
import { collectTag, givenTags, withRunTags } from '../store/run-tags-scope.js';
import { mistypedCommand } from './typo-guard.js';
import type { VoteDeps } from '../commands/vote/run-vote.js';
import { addVerdictCommands, addWechatCommands } from './add-flow-commands.js';
import { addBatchCommands } from './add-batch-commands.js';

/** Pieces a test swaps in when it runs the program in-process; the real CLI passes none. */
export interface ProgramDeps {
  compare?: CompareDeps;
  /** The questions of `init` (the real prompts when absent). */
  createInitPrompter?: () => Promise<InitPrompter>;
  /** The keys and screen of `vote` (the terminal's when absent). */
  vote?: VoteDeps;
}

/**
 * The commander program. Commands stay thin: they parse, then hand over to run… functions, each
 * loaded when its command runs (a command never pays for loading the others).
 */
export function buildProgram(io: CommandIO, setExitCode: (code: ExitCodeValue) => void, deps: ProgramDeps = {}): Command {
  const program = new Command('wechat-writer')
    .description(t('cli.program.description'))
    .version(io.toolVersion, '-V, --version', t('cli.help.version'))
    .argument('[topic...]', t('cli.program.topic'))
    .option('-m, --models <ids>', t('cli.option.models'))
    .option('-p, --prompt <file>', t('cli.option.prompt'))
    .option('--prompts <dir|jsonl>', t('cli.option.prompts'))
    .option('-s, --system <file>', t('cli.option.system'))
    .option('-o, --out <dir>', t('cli.option.out'))
    .option('--json', t('cli.option.json'), false)
    .option('--max-tokens <n>', t('cli.option.maxTokens'))
    .option('--temperature <t>', t('cli.option.temperature'))
    .addOption(new Option('--timeout <ms>', t('cli.option.timeout')).default(undefined, '120000'))
    .option('--stream', t('cli.option.stream'))
    .option('--no-stream', t('cli.option.noStream'))
    .addOption(new Option('--retries <n>', t('cli.option.retries')).default(undefined, '2'))
    .option('--fallback <model>', t('cli.option.fallback'))
    .option('--judge <model>', t('cli.option.judge'))
    .option('--judge-mode <mode>', t('writing.mode.help'))
    .addOption(new Option('--concurrency <n>', t('cli.option.concurrency')).default(undefined, '1'))
    .option('-c, --config <file>', t('cli.option.config'))
    .option('--live', t('cli.option.live'))
    .option('--show <what>', t('cli.option.show'))
    .option('--show-reasoning', t('cli.option.showReasoning'))
    .option('--cache', t('cli.option.cache'))
    .option('--report <file>', t('cli.option.report'))
    .option('--no-history', t('cli.option.noHistory'))
    .option('--no-check', t('preflight.option.noCheck'))
    .option('--reuse [age]', t('compare.reuse.option'))
    .option('--batch-api', t('batchCli.option.batchApi'))
    .option('--no-wait', t('batchCli.option.noWait'))
    .option('--vote', t('vote.cli.option'))
    .option('--tag <tag>', t('verdict.option.tag'), collectTag)
    .option('--debug', t('cli.option.debug'), false)
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .addHelpText('after', () => t('cli.examples'))
    .action(async (topicWords: string[], options) => {
      // a lone mistyped command (`histroy`) is not a topic to pay for; `--` before it says it is one
      const typo = (program as unknown as { rawArgs: string[] }).rawArgs.includes('--')
        ? null
        : mistypedCommand(topicWords, commandNames(program));
      if (typo) throw new UsageError(t('cli.typo.refused', { word: topicWords[0]!, command: typo }));
      const topic = topicWords.join(' ').trim();
      const tags = givenTags(options.tag);
      const { runCompare } = await import('../commands/compare/run-compare.js');
      setExitCode(await withRunTags(tags, () => runCompare({ ...options, topic: topic === '' ? undefined : topic }, io, deps.compare)));
    });

  program
    .command('models')
    .description(t('cli.models.description'))
    .option('--json', t('cli.option.machineJson'), false)
    .option('--remote <provider>', t('cli.models.remote'))
    .option('-c, --config <file>', t('cli.models.config'))
    .action(async (options: { json: boolean; remote?: string; config?: string }) => {
      const { runListModels } = await import('../commands/models/list-models.js');
      setExitCode(await runListModels(options, io));
    });

  program
    .command('doctor')
    .description(t('cli.doctor.description'))
    .option('--json', t('cli.option.machineJson'), false)
    .option('-c, --config <file>', t('cli.doctor.config'))
    .option('--timeout <ms>', t('cli.doctor.timeout'))
    .addHelpText('after', () => t('cli.doctor.after'))
    .action(async (options: { json: boolean; config?: string; timeout?: string }) => {
      const { runDoctor } = await import('../commands/doctor/run-doctor.js');
      const { parsePositiveInteger } = await import('../plan/parse-number-option.js');
      const timeoutMs = options.timeout === undefined ? undefined : parsePositiveInteger('--timeout', options.timeout);
      setExitCode(await runDoctor({ json: options.json, config: options.config, timeoutMs }, io));
    });

  program
    .command('write')
    .description(t('cli.write.description'))
    .argument('[topic...]', t('cli.write.topic'))
    .option('-p, --prompt <file>', t('cli.option.prompt'))
    .option('-c, --config <file>', t('cli.write.config'))
    .option('-m, --models <ids>', t('cli.write.models'))
    .option('--revise', t('cli.write.revise'))
    .option('-o, --out <dir>', t('cli.write.out'))
    .option('--json', t('cli.write.json'), false)
    .option('--max-tokens <n>', t('cli.write.maxTokens'))
    .option('--temperature <t>', t('cli.write.temperature'))
    .option('--timeout <ms>', t('cli.option.timeout'))
    .option('--retries <n>', t('cli.write.retries'))
    .option('--no-stream', t('cli.option.noStream'))
    .option('--no-history', t('cli.write.noHistory'))
    .option('--no-check', t('preflight.option.noCheck'))
    .option('--tag <tag>', t('verdict.option.tag'), collectTag)
    .option('--explain', t('routing.option.explain'))
    .action(async (topicWords: string[], options: WriteCommandOptions & { tag?: string[] }) => {
      const topic = topicWords.join(' ').trim();
      const tags = givenTags(options.tag);
      const { runWrite } = await import('../commands/write/run-write.js');
      setExitCode(await withRunTags(tags, () => runWrite({ ...options, topic: topic === '' ? undefined : topic }, io)));
    });

  const history = program
    .command('history')
    .description(t('cli.history.description'))
    .option('-n, --limit <n>', t('cli.history.limit'))
    .option('--model <id>', t('cli.history.model'))
    .option('--search <text>', t('cli.history.search'))
    .option('--json', t('cli.option.machineJson'), false)
    .action(async (options: ListHistoryOptions) => {
      const { runListHistory } = await import('../commands/history/list-history.js');
      setExitCode(await runListHistory(options, io));
    });
  history
    .command('show <runId>')
    .description(t('cli.historyShow.description'))
    .option('--json', t('cli.historyShow.json'), false)
    .option('--report <file>', t('cli.historyShow.report'))
    .action(async (runId: string, options: ShowHistoryOptions) => {
      const { runShowHistory } = await import('../commands/history/show-history.js');
      setExitCode(await runShowHistory(runId, options, io));
    });

  program
    .command('rerun <runId>')
    .description(t('cli.rerun.description'))
    .option('-m, --models <ids>', t('cli.rerun.models'))
    .option('-o, --out <dir>', t('cli.rerun.out'))
    .option('--json', t('cli.rerun.json'), false)
    .option('--report <file>', t('cli.rerun.report'))
    .option('--show <what>', t('cli.rerun.show'))
    .option('--live', t('cli.rerun.live'))
    .option('--no-history', t('cli.rerun.noHistory'))
    .option('--reuse [age]', t('compare.reuse.rerunOption'))
    .option('--tag <tag>', t('verdict.option.rerunTag'), collectTag)
    .action(async (runId: string, options: RerunOptions & { tag?: string[] }) => {
      const { rerunTags } = await import('../commands/history/rerun-tags.js');
      const tags = await rerunTags(runId, options.tag, io);
      const { runRerun } = await import('../commands/rerun/run-rerun.js');
      setExitCode(await withRunTags(tags, () => runRerun(runId, options, io)));
    });

  program
    .command('resume <runId>')
    .description(t('resume.description'))
    .option('--retry-failed', t('resume.retryFailed'))
    .option('--json', t('resume.json'), false)
    .option('--report <file>', t('resume.report'))
    .option('--concurrency <n>', t('resume.concurrency'))
    .option('--no-check', t('preflight.option.noCheck'))
    .action(async (runId: string, options: ResumeOptions) => {
      const { runResume } = await import('../commands/resume/run-resume.js');
      setExitCode(await runResume(runId, options, io));
    });

  program
    .command('stats')
    .description(t('cli.stats.description'))
    .option('--by <what>', t('cli.stats.by'), 'model')
    .option('--since <when>', t('cli.stats.since'))
    .option('--trend', t('cli.stats.trend'))
    .option('--json', t('cli.option.machineJson'), false)
    .action(async (options: StatsCommandOptions) => {
      const { runStats } = await import('../commands/stats/run-stats.js');
      setExitCode(await runStats(options, io));
    });

  program
    .command('view')
    .description(t('viewServer.cli.description'))
    .option('--port <n>', t('viewServer.cli.port'))
    .option('--host <address>', t('viewServer.cli.host'))
    .option('--no-open', t('viewServer.cli.noOpen'))
    .action(async (options: { port?: string; host?: string; open?: boolean }) => {
      const { runView } = await import('../commands/view/run-view.js');
      setExitCode(await runView(options, io));
    });

  addVerdictCommands(program, io, setExitCode, deps.vote);
  addWechatCommands(program, io, setExitCode);
  addBatchCommands(program, io, setExitCode);

  program
    .command('init')
    .description(t('cli.init.description'))
    .action(async () => {
      const { runInit } = await import('../commands/init/run-init.js');
      setExitCode(await runInit(io, deps.createInitPrompter));
    });

  program
    .command('completion')
    .description(t('cli.completion.description'))
    .argument('<shell>', t('cli.completion.shell'))
    .action(async (shell: string) => {
      const { runCompletion } = await import('../commands/completion/run-completion.js');
      setExitCode(runCompletion(shell, program, io));
    });

  program.helpCommand('help [command]', t('cli.help.helpCommand'));
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string, write: (text: string) => void) => write(localizeCommanderError(text)),
  };
  for (const command of everyCommand(program)) {
    command
      .option('--lang <language>', t('cli.option.lang'))
      .helpOption('-h, --help', t('cli.help.helpOption'))
      .configureHelp(localizedHelp())
      .exitOverride()
      .configureOutput(output);
  }
  return program;
}

const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];

/** Every subcommand name, `help` included: what a lone topic word is checked against. */
function commandNames(program: Command): string[] {
  return [...program.commands.map((command) => command.name()), 'help'];
}
