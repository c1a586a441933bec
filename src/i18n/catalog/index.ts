import { batchApiMessages } from './batch-api-messages.js';
import { batchCliMessages } from './batch-cli-messages.js';
import { cliHelpMessages } from './cli-help-messages.js';
import { cliMessages } from './cli-messages.js';
import { cliProviderMessages } from './cli-provider-messages.js';
import { compareMessages } from './compare-messages.js';
import { configMessages } from './config-messages.js';
import { displayMessages } from './display-messages.js';
import { doctorMessages } from './doctor-messages.js';
import { errorsMessages } from './errors-messages.js';
import { exportMessages } from './export-messages.js';
import { healthMessages } from './health-messages.js';
import { limitsMessages } from './limits-messages.js';
import { routingMessages } from './routing-messages.js';
import { resumeMessages } from './resume-messages.js';
import { historyMessages } from './history-messages.js';
import { preflightMessages } from './preflight-messages.js';
import { providerErrorsMessages } from './provider-errors-messages.js';
import { publishMessages } from './publish-messages.js';
import { ratingMessages } from './rating-messages.js';
import { verdictMessages } from './verdict-messages.js';
import { voteMessages } from './vote-messages.js';
import { writingMessages } from './writing-messages.js';
import { viewPageMessages } from './view-page-messages.js';
import { viewServerMessages } from './view-server-messages.js';

/** Every area's catalogue; keys start with the area's name, so they cannot collide. */
export const catalogs = [
  batchApiMessages,
  batchCliMessages,
  cliHelpMessages,
  cliMessages,
  cliProviderMessages,
  compareMessages,
  configMessages,
  displayMessages,
  doctorMessages,
  errorsMessages,
  exportMessages,
  healthMessages,
  limitsMessages,
  routingMessages,
  resumeMessages,
  historyMessages,
  preflightMessages,
  providerErrorsMessages,
  publishMessages,
  ratingMessages,
  verdictMessages,
  voteMessages,
  writingMessages,
  viewPageMessages,
  viewServerMessages,
];

/** All messages in both languages. */
export const messages = {
  en: Object.assign({}, ...catalogs.map((catalog) => catalog.en)) as typeof batchApiMessages.en &
    typeof batchCliMessages.en &
    typeof cliHelpMessages.en &
    typeof cliMessages.en &
    typeof cliProviderMessages.en &
    typeof compareMessages.en &
    typeof configMessages.en &
    typeof displayMessages.en &
    typeof doctorMessages.en &
    typeof errorsMessages.en &
    typeof exportMessages.en &
    typeof healthMessages.en &
    typeof limitsMessages.en &
    typeof routingMessages.en &
    typeof resumeMessages.en &
    typeof historyMessages.en &
    typeof preflightMessages.en &
    typeof providerErrorsMessages.en &
    typeof publishMessages.en &
    typeof ratingMessages.en &
    typeof verdictMessages.en &
    typeof voteMessages.en &
    typeof writingMessages.en &
    typeof viewPageMessages.en &
    typeof viewServerMessages.en,
  'zh-CN': Object.assign({}, ...catalogs.map((catalog) => catalog['zh-CN'])) as Record<string, string>,
};

/** The name of one message. */
export type MessageKey = keyof typeof messages.en;
