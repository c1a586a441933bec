import { defineMessages } from '../define-messages.js';

/** Messages of the doctor command. */
export const doctorMessages = defineMessages({}, {});
