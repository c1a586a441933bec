import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    // Worker threads that keep their modules from one test file to the next, one per core. Measured on
    // 2 cores: the defaults (forks, a fresh module graph per file, cores − 1 = 1 worker) spent most of
    // the run importing the SDKs and the CLI again for each of ~60 files; this is ~4× faster. So a test
    // file leaves no global state behind: fake timers are undone in afterEach, each fake server keeps
    // its own state, and commands run with injected I/O (test/support/run-cli-in-process.ts).
    pool: 'threads',
    isolate: false,
    maxWorkers: '100%',
  },
});
