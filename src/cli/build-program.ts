import { Command, Option } from 'commander';
import { runCompare } from '../commands/compare/run-compare.js';
import { runListModels } from '../commands/models/list-models.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import type { CommandIO } from './command-io.js';

const examples = `
Examples:
  $ wechat-writer --models mock:alpha,mock:beta "咖啡店的冬季新品"     offline, no keys
  $ wechat-writer --models claude,gpt --prompt brief.md               compare two providers
  $ wechat-writer -m openai:gpt-5.6-luna,minimax -p brief.md --json   one JSON document on stdout
  $ cat brief.md | wechat-writer -m all -p -                          every provider with a key
  $ wechat-writer                                                     pick models and a topic interactively
  $ wechat-writer -m mock:alpha,mock:beta 周末咖啡 --report out.html   side-by-side HTML report
  $ wechat-writer models                                              list providers and keys

Exit codes: 0 all models succeeded (a fallback's success counts), 1 at least one failed,
2 usage or configuration error (nothing was called), 130 interrupted (finished results are kept).`;

/** The commander program. Commands stay thin: they parse, then hand over to run… functions. */
export function buildProgram(io: CommandIO, setExitCode: (code: ExitCodeValue) => void): Command {
  const program = new Command('wechat-writer')
    .description('Run one writing prompt on several LLMs and compare outputs, tokens, latency and cost.')
    .version(io.toolVersion, '-V, --version')
    .argument('[topic...]', 'the article topic (builds the prompt, as the original tool did)')
    .option('-m, --models <ids>', 'comma-separated provider:model ids or aliases, or "all" (default: $WECHAT_WRITER_MODELS)')
    .option('-p, --prompt <file>', 'the brief, a Markdown file ("-" reads stdin)')
    .option('-s, --system <file>', 'system prompt file (default: built-in WeChat article prompt)')
    .option('-o, --out <dir>', 'directory for the outputs (default: $OUTPUT_DIR, else ./output)')
    .option('--json', 'print one JSON document on stdout and nothing else', false)
    .option('--max-tokens <n>', 'maximum output tokens')
    .option('--temperature <t>', 'sampling temperature, 0 to 2')
    .addOption(
      new Option('--timeout <ms>', 'longest wait for a response to start and between streamed pieces').default(undefined, '120000'),
    )
    .option('--no-stream', 'wait for whole responses instead of streaming')
    .addOption(new Option('--retries <n>', 'retries after the first attempt, 0 to 10').default(undefined, '2'))
    .option('--fallback <model>', 'model that takes over the prompt of a model that still fails after its retries')
    .option('--live', "stream each model's text to the terminal as it is written")
    .option('--show <what>', 'after the table: full (every output) or none (default: full for one model on a terminal)')
    .option('--show-reasoning', "after the table, print each model's reasoning (never saved into the article)")
    .option('--cache', 'mark the system prompt and brief for prompt caching (Anthropic cache_control)')
    .option('--report <file>', 'also write a report: .html (side by side, charts), .md, .csv or .json')
    .option('--debug', 'show stack traces and error causes (keys are still hidden)', false)
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .addHelpText('after', examples)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .action(async (topicWords: string[], options) => {
      const topic = topicWords.join(' ').trim();
      setExitCode(await runCompare({ ...options, topic: topic === '' ? undefined : topic }, io));
    });

  program
    .command('models')
    .description('list providers, aliases, default models and whether a key is configured')
    .option('--json', 'machine-readable output', false)
    .option('--remote <provider>', "ask a provider's /models endpoint which models it serves")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .action(async (options: { json: boolean; remote?: string }) => {
      setExitCode(await runListModels(options, io));
    });

  return program;
}
