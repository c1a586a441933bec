import path from 'node:path';
import type { ResolvedModel } from '../providers/registry.js';
import type { HealthConfig } from './health-config.js';
import { healthFileName, readHealthState, updateHealthState, type HealthState } from './health-file.js';
import { healthIdentity } from './health-identity.js';
import { applyOutcome, recentOf, verdictOf, type HealthOutcome, type HealthVerdict } from './health-rules.js';

/** Providers' health across runs, kept in `WECHAT_WRITER_HOME/health.json`. */
export interface HealthStore {
  /** What the state says about the provider and key this model is called with, now. */
  verdict(model: ResolvedModel): HealthVerdict;
  /** The provider's last calls (up to 20): how many, how many succeeded; null when none is known. */
  recent(model: ResolvedModel): { calls: number; ok: number } | null;
  /** True the first time it is asked about `what` in this run: a line about a resting provider is told once a run. */
  firstTime?(what: string): boolean;
  /** Records how a call (after its retries) ended; never throws (a file that cannot be written is a warning). */
  record(model: ResolvedModel, outcome: HealthOutcome): Promise<void>;
}

/** What the store needs from outside. */
export interface HealthStoreDeps {
  /** Wall clock (CommandIO.currentDate): rests are kept across runs. */
  currentDate(): Date;
  /** One line, told once per problem (a corrupted or unwritable file). */
  warn(message: string): void;
  /** Messages in the run's language: the file, why it was ignored or not written. */
  messages: { corrupted(file: string, reason: string): string; cannotWrite(file: string, reason: string): string };
}

/** The state file's path under the tool's home directory. */
export const healthFile = (home: string) => path.join(home, healthFileName);

/**
 * Opens the state (a corrupted file is ignored with a warning, and rewritten at the next record).
 * Records are made one at a time, each re-reading the file under a lock, so other runs' news is kept.
 */
export async function openHealthStore(home: string, config: HealthConfig, deps: HealthStoreDeps): Promise<HealthStore> {
  const file = healthFile(home);
  const read = await readHealthState(file);
  if (read.problem) deps.warn(deps.messages.corrupted(file, read.problem));
  let state: HealthState = read.state;
  let queue: Promise<void> = Promise.resolve();
  let writeWarned = false;
  const told = new Set<string>();
  return {
    firstTime: (what) => !told.has(what) && Boolean(told.add(what)),
    verdict: (model) => {
      const identity = healthIdentity(model);
      return verdictOf(state.entries[identity.key], identity, deps.currentDate());
    },
    recent: (model) => {
      const identity = healthIdentity(model);
      return recentOf(state.entries[identity.key], identity);
    },
    record: (model, outcome) => {
      const identity = healthIdentity(model);
      const now = deps.currentDate();
      queue = queue.then(async () => {
        try {
          state = await updateHealthState(file, (current) => ({
            version: 1,
            entries: { ...current.entries, [identity.key]: applyOutcome(current.entries[identity.key], outcome, identity, now, config) },
          }));
        } catch (error) {
          // health is advice: a run goes on without it, and says so once
          state = {
            version: 1,
            entries: { ...state.entries, [identity.key]: applyOutcome(state.entries[identity.key], outcome, identity, now, config) },
          };
          if (!writeWarned) deps.warn(deps.messages.cannotWrite(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
          writeWarned = true;
        }
      });
      return queue;
    },
  };
}
