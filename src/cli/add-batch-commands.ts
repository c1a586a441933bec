import type { Command } from 'commander';
import type { BatchCollectOptions } from '../commands/batch/run-batch-collect.js';
import type { BatchStatusOptions } from '../commands/batch/run-batch-status.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import { t } from '../i18n/translate.js';
import type { CommandIO } from './command-io.js';

/** `batch status [runId]` and `batch collect [runId]`: a `--batch-api` run's batches, from any process. */
export function addBatchCommands(program: Command, io: CommandIO, setExitCode: (code: ExitCodeValue) => void): void {
  const batch = program.command('batch').description(t('batchCli.command.description'));
  batch.helpCommand('help [command]', t('cli.help.helpCommand'));
  batch
    .command('status')
    .description(t('batchCli.status.description'))
    .argument('[runId]', t('batchCli.runId'))
    .option('--json', t('batchCli.option.json'), false)
    .option('-c, --config <file>', t('batchCli.option.config'))
    .action(async (runId: string | undefined, options: BatchStatusOptions) => {
      const { runBatchStatus } = await import('../commands/batch/run-batch-status.js');
      setExitCode(await runBatchStatus(runId, options, io));
    });
  batch
    .command('collect')
    .description(t('batchCli.collect.description'))
    .argument('[runId]', t('batchCli.runId'))
    .option('--no-wait', t('batchCli.option.collectNoWait'))
    .option('--json', t('batchCli.option.json'), false)
    .option('--report <file>', t('batchCli.option.report'))
    .option('-c, --config <file>', t('batchCli.option.config'))
    .action(async (runId: string | undefined, options: BatchCollectOptions) => {
      const { runBatchCollect } = await import('../commands/batch/run-batch-collect.js');
      setExitCode(await runBatchCollect(runId, options, io));
    });
}
