import type { ProgramDeps } from '../../src/cli/build-program.js';
import { chooseProgressReporter } from '../../src/commands/compare/choose-progress-reporter.js';
import type { ProgressReporter } from '../../src/ui/progress-reporter.js';

/** What a test hears about a comparison as it runs. */
export type ProgressListener = Partial<Pick<ProgressReporter, 'started' | 'delta' | 'ended' | 'finished'>>;

/**
 * Program deps for runCliInProcess: the comparison shows its progress exactly as it would (the
 * reporter it chooses), and also tells `listener`, so a test can wait for events instead of time.
 */
export function observeProgress(listener: ProgressListener): ProgramDeps {
  return {
    compare: {
      createProgressReporter: async (io, live) => {
        const reporter = await chooseProgressReporter(io, live);
        return {
          ...reporter,
          started: (model, index, total) => {
            reporter.started(model, index, total);
            listener.started?.(model, index, total);
          },
          delta: (model, text) => {
            reporter.delta(model, text);
            listener.delta?.(model, text);
          },
          ended: (model) => {
            reporter.ended?.(model);
            listener.ended?.(model);
          },
          finished: (result) => {
            reporter.finished(result);
            listener.finished?.(result);
          },
        };
      },
    },
  };
}
