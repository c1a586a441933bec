import type { CommandIO } from '../cli/command-io.js';
import { resolveHomeDirectory } from '../config/home-directory.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { ResolvedModel } from '../providers/registry.js';
import { memoryCallLog, readOnlyPlusMemory, type CallLog } from './call-log.js';
import { createLimitKeeper, type LimitKeeper } from './limit-keeper.js';
import { hasLimits } from './limit-spec.js';
import { planRefusals, type PlannedCalls } from './plan-refusal.js';

export { plannedCalls } from './plan-refusal.js';

/** The limits of one command's run: the keeper for RunDeps. */
export interface RunLimits {
  keeper: LimitKeeper;
  /** The history run its calls belong to, once the run is recorded. */
  setRunId(runId: number | null): void;
  close(): void;
}

type Io = Pick<CommandIO, 'env' | 'currentDate' | 'stderr'>;

const noCalls: Pick<CallLog, 'usage' | 'oldest'> = { usage: () => ({ calls: 0, tokens: 0 }), oldest: () => [] };

/** A log that, after its first failure (a lock held too long, a full disk), goes on in memory with one warning. */
function guarded(log: CallLog, warn: (error: unknown) => void): CallLog {
  let fallback: CallLog | null = null;
  const use = <T>(action: (target: CallLog) => T): T => {
    if (fallback) return action(fallback);
    try {
      return action(log);
    } catch (error) {
      fallback = readOnlyPlusMemory(noCalls);
      warn(error);
      return action(fallback);
    }
  };
  return {
    sent: (call) => use((target) => target.sent(call)),
    ended: (handle, tokens) => use((target) => target.ended(handle, tokens)),
    usage: (keyId, since) => use((target) => target.usage(keyId, since)),
    oldest: (keyId, since, limit) => use((target) => target.oldest(keyId, since, limit)),
  };
}

/**
 * Opens the calls log for a run that may call `models`; null when none of them has limits (nothing
 * would count their calls, so the run opens no second connection to the history for them). With the
 * history on, each request to a provider with limits is recorded in its `calls` table. With the
 * history off (--no-history, WECHAT_WRITER_NO_HISTORY), nothing is written: what the history already
 * holds is read and this run's calls are counted in memory (the next run does not know them). Never
 * throws on a history that cannot be opened: limits are then counted for this run only, with a warning.
 */
export async function openLimits(io: Io, models: readonly ResolvedModel[], history: boolean): Promise<RunLimits | null> {
  if (!models.some((model) => hasLimits(model.provider.limits))) return null;
  const warn = (error: unknown) => io.stderr.write(`wechat-writer: ${t('limits.logUnavailable', { reason: (error as Error).message })}\n`);
  const home = resolveHomeDirectory(io.env);
  let log: CallLog;
  let close = () => undefined as void;
  try {
    if (history) {
      const { openHistoryStore } = await import('../store/history-store.js');
      const store = await openHistoryStore(home);
      log = guarded(store.calls, warn);
      close = () => store.close();
    } else {
      const { openCallLogReader } = await import('../store/call-log-store.js');
      const reader = await openCallLogReader(home);
      log = readOnlyPlusMemory(reader ?? noCalls);
      if (reader) close = () => reader.close();
    }
  } catch (error) {
    warn(error);
    log = memoryCallLog();
  }
  let runId: number | null = null;
  return {
    keeper: createLimitKeeper({ log, env: io.env, now: () => io.currentDate().getTime(), runId: () => runId }),
    setRunId: (id) => {
      runId = id;
    },
    close,
  };
}

/**
 * Before any call (the credentials check included): refuses the run (UsageError, exit 2) when a
 * provider's keys cannot take the calls it plans under their hour and day limits, counting what the
 * history holds. Reads the history without writing; does nothing when no planned model has limits.
 */
export async function refuseOverLimits(io: Io, settings: Pick<Settings, 'configFile'>, planned: readonly PlannedCalls[]): Promise<void> {
  if (!planned.some(({ model }) => hasLimits(model.provider.limits))) return;
  let reader: (Pick<CallLog, 'usage' | 'oldest'> & { close(): void }) | null = null;
  try {
    const { openCallLogReader } = await import('../store/call-log-store.js');
    reader = await openCallLogReader(resolveHomeDirectory(io.env));
  } catch (error) {
    io.stderr.write(`wechat-writer: ${t('limits.logUnavailable', { reason: (error as Error).message })}\n`);
  }
  let lines: string[];
  try {
    lines = planRefusals(planned, {
      log: reader ?? noCalls,
      env: io.env,
      now: io.currentDate().getTime(),
      configFile: settings.configFile,
    });
  } finally {
    reader?.close();
  }
  if (lines.length > 0) throw new UsageError(t('limits.plan.heading', { list: lines.map((line) => `\n  - ${line}`).join('') }));
}
