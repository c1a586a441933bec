import { defineMessages } from '../define-messages.js';

/** Messages of the history store and the history, rerun and stats commands. */
export const historyMessages = defineMessages({}, {});
