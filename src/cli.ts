import { setMaxListeners } from 'node:events';
import { createNodeIO } from './cli/node-io.js';
import { ExitCode } from './errors/exit-codes.js';
import { main } from './main.js';
import { scopeWholeProcess } from './io/run-scope.js';

/** The exit code of a run stopped by each signal (128 + its number), as shells report it. */
const signalExitCodes = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
  SIGHUP: ExitCode.hangUp,
} as const;
type StopSignal = keyof typeof signalExitCodes;

/**
 * Entry point used by bin/: the only place that touches the process. The first Ctrl-C (or SIGTERM,
 * SIGHUP) aborts the run (finished results are kept and reported, the report written, the JSON
 * printed); a second one exits at once. The exit code names the signal: 130, 143 or 129.
 */
export async function runCli(argv: readonly string[], toolVersion: string): Promise<void> {
  scopeWholeProcess();
  const controller = new AbortController();
  // every call in flight listens to it: up to --concurrency at once, more than the default warning limit of 10
  setMaxListeners(0, controller.signal);
  let received: StopSignal | null = null;
  const onSignal = (signal: StopSignal) => {
    if (controller.signal.aborted) process.exit(signalExitCodes[signal]);
    received = signal;
    controller.abort();
  };
  const signals = Object.keys(signalExitCodes) as StopSignal[];
  for (const signal of signals) process.on(signal, onSignal);
  // `wechat-writer --help | head`: a reader that closed its end wants no more output, not a stack trace
  const onOutputClosed = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  };
  process.stdout.on('error', onOutputClosed);
  process.stderr.on('error', onOutputClosed);
  try {
    const code = await main(argv, createNodeIO(toolVersion, controller.signal));
    process.exitCode = code === ExitCode.interrupted && received !== null ? signalExitCodes[received] : code;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
