import { t } from '../i18n/translate.js';

/** The user pressed Ctrl-C before a run started (exit code 130). */
export class InterruptedError extends Error {
  constructor(message = t('errors.interrupted')) {
    super(message);
    this.name = 'InterruptedError';
  }
}
