import { defineMessages } from '../define-messages.js';

/** Messages of tables, progress lines, live view and reports. */
export const displayMessages = defineMessages({}, {});
