import { defineMessages } from '../define-messages.js';

/** Messages of the compare command: picker, prompt questions, run summary lines. */
export const compareMessages = defineMessages({}, {});
