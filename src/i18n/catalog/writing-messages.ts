import { defineMessages } from '../define-messages.js';

/** Messages of the judge, the write pipeline and the mock model's texts. */
export const writingMessages = defineMessages({}, {});
