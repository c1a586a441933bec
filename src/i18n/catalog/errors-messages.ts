import { defineMessages } from '../define-messages.js';

/** Messages of errors: providers, config, plan, batch. */
export const errorsMessages = defineMessages({}, {});
