import type { CommandIO } from '../cli/command-io.js';
import { resolveHomeDirectory } from '../config/home-directory.js';
import type { Settings } from '../config/settings.js';
import { t } from '../i18n/translate.js';
import { healthConfigFrom } from './health-config.js';
import { openHealthStore, type HealthStore } from './health-store.js';

/**
 * The providers' health for a command: `WECHAT_WRITER_HOME/health.json` with the config's `health:`
 * rules, on the command's wall clock. Never throws; its warnings go to stderr.
 */
export function openHealth(
  io: Pick<CommandIO, 'env' | 'currentDate' | 'stderr'>,
  settings: Pick<Settings, 'health'>,
  /** See HealthStoreDeps.writeGapMs: a long batch writes the file a few times a second. */
  writeGapMs = 0,
): Promise<HealthStore> {
  return openHealthStore(resolveHomeDirectory(io.env), healthConfigFrom(settings.health), {
    writeGapMs,
    currentDate: () => io.currentDate(),
    warn: (message) => io.stderr.write(`wechat-writer: ${message}\n`),
    messages: {
      corrupted: (file, reason) => t('health.corrupted', { file, reason }),
      cannotWrite: (file, reason) => t('health.cannotWrite', { file, reason }),
    },
  });
}
