import { defineMessages } from '../define-messages.js';

/** Messages of the command line: build-program, handle-error, main, models, init, completion. */
export const cliMessages = defineMessages({}, {});
