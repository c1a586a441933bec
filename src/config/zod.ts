import { config } from 'zod';

// zod compiles each object schema into a `new Function` fast path on its first parse: ~7 ms for the
// few objects a run parses once (its config, a batch's lines), more than it ever saves them here.
config({ jitless: true });

/** zod, set up for a command-line run (see above): every schema of the CLI is built from this. */
export * from 'zod';
