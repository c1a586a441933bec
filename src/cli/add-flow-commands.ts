import type { Command } from 'commander';
import type { ExportOptions } from '../commands/export/run-export.js';
import type { PublishOptions } from '../commands/publish/run-publish.js';
import type { VoteDeps } from '../commands/vote/run-vote.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import { t } from '../i18n/translate.js';
import { minimumVotes } from '../rating/rate-models.js';
import { wechatThemes } from '../wechat/html/wechat-themes.js';
import type { CommandIO } from './command-io.js';

/** The writer's verdict: `vote` (blind duels), `pick` (the draft to publish) and `leaderboard`. */
export function addVerdictCommands(program: Command, io: CommandIO, setExitCode: (code: ExitCodeValue) => void, voteDeps?: VoteDeps): void {
  program
    .command('vote')
    .description(t('vote.cli.description'))
    .argument('[runId]', t('vote.cli.runId'))
    .option('--voter <name>', t('vote.cli.voter'))
    .option('--prompt-id <id>', t('vote.cli.promptId'))
    .addHelpText('after', () => t('vote.cli.keys'))
    .action(async (runId: string | undefined, options: { voter?: string; promptId?: string }) => {
      const { runVote } = await import('../commands/vote/run-vote.js');
      setExitCode(await runVote(runId, options, io, voteDeps));
    });

  program
    .command('pick')
    .description(t('verdict.pick.description'))
    .argument('<runId>', t('verdict.pick.runId'))
    .argument('<model>', t('verdict.pick.model'))
    .option('--prompt-id <id>', t('verdict.pick.promptId'))
    .option('--voter <name>', t('verdict.pick.voter'))
    .action(async (runId: string, model: string, options: { promptId?: string; voter?: string }) => {
      const { runPick } = await import('../commands/pick/run-pick.js');
      setExitCode(await runPick(runId, model, options, io));
    });

  program
    .command('leaderboard')
    .description(t('rating.command.description'))
    .option('--tag <tag>', t('rating.option.tag'), (tag: string, tags: string[] = []) => [...tags, tag])
    .option('--since <when>', t('rating.option.since'))
    .option('--source <who>', t('rating.option.source'), 'human')
    .option('--min-votes <n>', t('rating.option.minVotes', { count: minimumVotes }))
    .option('--json', t('rating.option.json'), false)
    .addHelpText('after', () => t('rating.after'))
    .action(async (options: { tag?: string[]; since?: string; source: string; minVotes?: string; json: boolean }) => {
      const { runLeaderboard } = await import('../commands/leaderboard/run-leaderboard.js');
      setExitCode(await runLeaderboard(options, io));
    });
}

/** The last step: `export` (WeChat-ready HTML) and `publish` (the WeChat draft box). */
export function addWechatCommands(program: Command, io: CommandIO, setExitCode: (code: ExitCodeValue) => void): void {
  program
    .command('export')
    .description(t('export.cli.description'))
    .argument('<runId>', t('export.cli.runId'))
    .option('--model <id>', t('export.cli.model'))
    .option('--format <format>', t('export.cli.format'), 'wechat')
    .option('-o, --output <file>', t('export.cli.output'))
    .option(
      '--theme <name>',
      t('export.cli.theme', { themes: wechatThemes.map((theme) => `${theme.id} (${t(theme.nameKey)})`).join(', ') }),
      'default',
    )
    .option('--prompt-id <id>', t('export.cli.promptId'))
    .action(async (runId: string, options: ExportOptions) => {
      const { runExport } = await import('../commands/export/run-export.js');
      setExitCode(await runExport(runId, options, io));
    });

  program
    .command('publish')
    .description(t('publish.cli.description'))
    .argument('<runId>', t('publish.cli.runId'))
    .option('--model <id>', t('publish.cli.model'))
    .option('--prompt-id <id>', t('publish.cli.promptId'))
    .option(
      '--theme <name>',
      t('export.cli.theme', { themes: wechatThemes.map((theme) => `${theme.id} (${t(theme.nameKey)})`).join(', ') }),
    )
    .option('--cover <file>', t('publish.cli.cover'))
    .option('--author <name>', t('publish.cli.author', { limit: 16 }))
    .option('--digest <text>', t('publish.cli.digest', { limit: 128 }))
    .option('--source-url <url>', t('publish.cli.sourceUrl'))
    .option('--dry-run', t('publish.cli.dryRun'))
    .addHelpText('after', () => t('publish.cli.after'))
    .action(async (runId: string, options: PublishOptions) => {
      const { runPublish } = await import('../commands/publish/run-publish.js');
      setExitCode(await runPublish(runId, options, io));
    });
}
