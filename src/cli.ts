import { setMaxListeners } from 'node:events';
import { createNodeIO } from './cli/node-io.js';
import { ExitCode } from './errors/exit-codes.js';
import { main } from './main.js';

/**
 * Entry point used by bin/: the only place that touches the process. The first Ctrl-C aborts the
 * run (finished results are kept and reported); a second one exits at once.
 */
export async function runCli(argv: readonly string[], toolVersion: string): Promise<void> {
  const controller = new AbortController();
  // every call in flight listens to it: up to --concurrency at once, more than the default warning limit of 10
  setMaxListeners(0, controller.signal);
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    process.exitCode = await main(argv, createNodeIO(toolVersion, controller.signal));
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
