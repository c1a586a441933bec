import { Command, Option } from 'commander';
import { runCompare, type CompareDeps } from '../commands/compare/run-compare.js';
import { runListModels } from '../commands/models/list-models.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import { runListHistory, type ListHistoryOptions } from '../commands/history/list-history.js';
import { runShowHistory, type ShowHistoryOptions } from '../commands/history/show-history.js';
import { runWrite, type WriteCommandOptions } from '../commands/write/run-write.js';
import { runRerun, type RerunOptions } from '../commands/rerun/run-rerun.js';
import { runStats, type StatsCommandOptions } from '../commands/stats/run-stats.js';
import type { CommandIO } from './command-io.js';

const examples = `
Examples:
  $ wechat-writer --models mock:alpha,mock:beta "咖啡店的冬季新品"     offline, no keys
  $ wechat-writer --models claude,gpt --prompt brief.md               compare two providers
  $ wechat-writer -m openai:gpt-5.6-luna,minimax -p brief.md --json   one JSON document on stdout
  $ cat brief.md | wechat-writer -m all -p -                          every provider with a key
  $ wechat-writer                                                     pick models and a topic interactively
  $ wechat-writer -m mock:alpha,mock:beta 周末咖啡 --report out.html   side-by-side HTML report
  $ wechat-writer write --config wechat-writer.config.yaml 周末咖啡    plan, draft and review by role
  $ wechat-writer models                                              list providers and keys
  $ wechat-writer doctor                                              check every configured key and endpoint
  $ wechat-writer history --search 咖啡                                 find earlier runs
  $ wechat-writer stats --by model --since 7d --trend                 latency, success and cost

Exit codes: 0 all models succeeded (a fallback's success counts), 1 at least one failed,
2 usage or configuration error (nothing was called), 130 interrupted (finished results are kept).
A failed --judge only warns: the exit code is the comparison's.`;

/** Pieces a test swaps in when it runs the program in-process; the real CLI passes none. */
export interface ProgramDeps {
  compare?: CompareDeps;
}

/** The commander program. Commands stay thin: they parse, then hand over to run… functions. */
export function buildProgram(io: CommandIO, setExitCode: (code: ExitCodeValue) => void, deps: ProgramDeps = {}): Command {
  const program = new Command('wechat-writer')
    .description('Run one writing prompt on several LLMs and compare outputs, tokens, latency and cost.')
    .version(io.toolVersion, '-V, --version')
    .argument('[topic...]', 'the article topic (builds the prompt, as the original tool did)')
    .option('-m, --models <ids>', 'comma-separated provider:model ids or aliases, or "all" (default: $WECHAT_WRITER_MODELS)')
    .option('-p, --prompt <file>', 'the brief, a Markdown file ("-" reads stdin)')
    .option(
      '--prompts <dir|jsonl>',
      'a batch: every .md/.txt file of a directory, or one {"id","prompt","system"} per JSONL line, on every model',
    )
    .option('-s, --system <file>', 'system prompt file (default: built-in WeChat article prompt)')
    .option('-o, --out <dir>', 'directory for the outputs (default: $OUTPUT_DIR, else ./output)')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .option('--max-tokens <n>', 'maximum output tokens')
    .option('--temperature <t>', 'sampling temperature, 0 to 2')
    .addOption(
      new Option('--timeout <ms>', 'longest wait for a response to start and between streamed pieces').default(undefined, '120000'),
    )
    .option('--stream', 'stream replies (the default, except for --prompts batches)')
    .option('--no-stream', 'wait for whole responses instead of streaming')
    .addOption(new Option('--retries <n>', 'retries after the first attempt, 0 to 10').default(undefined, '2'))
    .option('--fallback <model>', 'model that takes over the prompt of a model that still fails after its retries')
    .option('--judge <model>', 'after the run, this model scores every output blind (title, opening, structure, phone readability, facts)')
    .addOption(new Option('--concurrency <n>', 'how many models to call at once, 1 to 64').default(undefined, '1'))
    .option('-c, --config <file>', 'config file (default: ./wechat-writer.config.yaml, else $WECHAT_WRITER_HOME/config.yaml)')
    .option('--live', "stream each model's text to the terminal as it is written")
    .option('--show <what>', 'after the table: full (every output) or none (default: full for one model on a terminal)')
    .option('--show-reasoning', "after the table, print each model's reasoning (never saved into the article)")
    .option('--cache', 'mark the system prompt and brief for prompt caching (Anthropic cache_control)')
    .option('--report <file>', 'also write a report: .html (side by side, charts), .md, .csv or .json')
    .option('--no-history', 'do not record this run in the history (also WECHAT_WRITER_NO_HISTORY=1)')
    .option('--debug', 'show stack traces and error causes (keys are still hidden)', false)
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .addHelpText('after', examples)
    .action(async (topicWords: string[], options) => {
      const topic = topicWords.join(' ').trim();
      setExitCode(await runCompare({ ...options, topic: topic === '' ? undefined : topic }, io, deps.compare));
    });

  program
    .command('models')
    .description('list providers, aliases, default models and whether a key is configured')
    .option('--json', 'machine-readable output', false)
    .option('--remote <provider>', "ask a provider's /models endpoint which models it serves")
    .option('-c, --config <file>', 'config file whose providers are listed too')
    .action(async (options: { json: boolean; remote?: string; config?: string }) => {
      setExitCode(await runListModels(options, io));
    });

  program
    .command('doctor')
    .description('check every configured provider in parallel: key set, endpoint reachable, key accepted (2 s each)')
    .option('--json', 'machine-readable output', false)
    .option('-c, --config <file>', 'config file whose providers are checked too')
    .option('--timeout <ms>', 'bound of each check in milliseconds (default 2000; raise it behind a slow proxy)')
    .addHelpText(
      'after',
      `
Checked: every provider of the config file (a missing key fails its check), and every built-in preset
whose key is set or whose base URL is set by environment (<ID>_BASE_URL; OLLAMA_HOST for Ollama).
Presets with neither are only counted; the offline mock is never checked. Each check asks GET /models,
or makes a 1-token call with the default model where /models answers 404/405, and ends within 2 s
(--timeout to change it).
Exit codes: 0 every check passed, 1 any failed or nothing was configured, 2 usage or config error.`,
    )
    .action(async (options: { json: boolean; config?: string; timeout?: string }) => {
      const { runDoctor } = await import('../commands/doctor/run-doctor.js');
      const { parsePositiveInteger } = await import('../plan/parse-number-option.js');
      const timeoutMs = options.timeout === undefined ? undefined : parsePositiveInteger('--timeout', options.timeout);
      setExitCode(await runDoctor({ json: options.json, config: options.config, timeoutMs }, io));
    });

  program
    .command('write')
    .description('plan, draft and review an article with a model per role (roles come from the config file)')
    .argument('[topic...]', 'the article topic')
    .option('-p, --prompt <file>', 'the brief, a Markdown file ("-" reads stdin)')
    .option('-c, --config <file>', 'config file with providers and roles (default: ./wechat-writer.config.yaml)')
    .option('-m, --models <ids>', 'models for every role the config does not define (instead of roles.default)')
    .option('--revise', 'after the review, the writer revises the draft once')
    .option('-o, --out <dir>', 'directory for the stage files (default: $OUTPUT_DIR, else ./output)')
    .option('--json', 'print one JSON document with every stage on stdout', false)
    .option('--max-tokens <n>', 'maximum output tokens, for roles that set none')
    .option('--temperature <t>', 'sampling temperature, for roles that set none')
    .option('--timeout <ms>', 'longest wait for a response to start and between streamed pieces')
    .option('--retries <n>', 'retries after the first attempt, 0 to 10 (default: config retry.retries, else 2)')
    .option('--no-stream', 'wait for whole responses instead of streaming')
    .option('--no-history', 'do not record this run in the history')
    .action(async (topicWords: string[], options: WriteCommandOptions) => {
      const topic = topicWords.join(' ').trim();
      setExitCode(await runWrite({ ...options, topic: topic === '' ? undefined : topic }, io));
    });

  const history = program
    .command('history')
    .description('list recorded runs, newest first')
    .option('-n, --limit <n>', 'how many runs (20)')
    .option('--model <id>', 'only runs with this model (provider:model) or provider')
    .option('--search <text>', 'full-text search over prompts and outputs')
    .option('--json', 'machine-readable output', false)
    .action(async (options: ListHistoryOptions) => setExitCode(await runListHistory(options, io)));
  history
    .command('show <runId>')
    .description('show a recorded run again: the table and outputs, JSON, or a report')
    .option('--json', 'the run as the JSON report', false)
    .option('--report <file>', 'write a report: .html, .md, .csv or .json')
    .action(async (runId: string, options: ShowHistoryOptions) => setExitCode(await runShowHistory(runId, options, io)));

  program
    .command('rerun <runId>')
    .description("run a recorded run's prompt and options again, on the same or other models")
    .option('-m, --models <ids>', "other models (default: the run's models)")
    .option('-o, --out <dir>', 'directory for the outputs')
    .option('--json', 'print one JSON document on stdout', false)
    .option('--report <file>', 'also write a report: .html, .md, .csv or .json')
    .option('--show <what>', 'after the table: full or none')
    .option('--live', "stream each model's text as it is written")
    .option('--no-history', 'do not record the new run')
    .action(async (runId: string, options: RerunOptions) => setExitCode(await runRerun(runId, options, io)));

  program
    .command('stats')
    .description('calls, success rate, latency percentiles, TTFT, tokens and cost from the history')
    .option('--by <what>', 'model, provider or role', 'model')
    .option('--since <when>', 'only calls since then: 7d, 24h, 2w, or a date')
    .option('--trend', 'add a per-day series drawn as a small chart')
    .option('--json', 'machine-readable output', false)
    .action(async (options: StatsCommandOptions) => setExitCode(await runStats(options, io)));

  const output = { writeOut: (text: string) => io.stdout.write(text), writeErr: (text: string) => io.stderr.write(text) };
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride().configureOutput(output);
  return program;
}
