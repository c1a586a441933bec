import { t } from '../i18n/translate.js';
import type { StageName } from './stage-name.js';

/** A stage's name as the interface shows it (`planner` in English, 提纲 in Chinese); JSON keeps the stage's own name. */
export const stageLabel = (stage: StageName): string => t(`writing.stage.${stage}`);
