import type { CommandIO } from '../../cli/command-io.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { createLiveTextReporter } from '../../ui/live-text-reporter.js';
import { createLineProgressReporter, createSpinnerProgressReporter, type ProgressReporter } from '../../ui/progress-reporter.js';

/** Streamed text when live; a spinner on a terminal; plain lines on stderr otherwise. */
export async function chooseProgressReporter(io: CommandIO, live: boolean): Promise<ProgressReporter> {
  if (live) return createLiveTextReporter(io.stdout, io.stderr);
  const stderr = io.stderr as NodeJS.WriteStream;
  const spinners = stderr.isTTY === true && !io.env.CI && resolveColorLevel(io.env, true) > 0;
  return spinners ? createSpinnerProgressReporter(stderr, io.now) : createLineProgressReporter(io.stderr);
}
