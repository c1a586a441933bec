import { t } from '../i18n/translate.js';
import type { RubricKey } from './judge-rubric.js';

/** A criterion's name as reports show it (`opening` in English, 开头 in Chinese); JSON and CSV keep the key. */
export const rubricLabel = (key: RubricKey): string => t(`writing.rubric.${key}`);
