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
  /**
   * Records how a call (after its retries) ended: verdicts see it at once; the file is written in the
   * background (the promise says when). Never throws (a file that cannot be written is a warning).
   */
  record(model: ResolvedModel, outcome: HealthOutcome): Promise<void>;
  /** Resolves once every outcome recorded so far is in the file (a command awaits it before it ends). */
  settled?(): Promise<void>;
}

/** What the store needs from outside. */
export interface HealthStoreDeps {
  /** Wall clock (CommandIO.currentDate): rests are kept across runs. */
  currentDate(): Date;
  /** One line, told once per problem (a corrupted or unwritable file). */
  warn(message: string): void;
  /** Messages in the run's language: the file, why it was ignored or not written. */
  messages: { corrupted(file: string, reason: string): string; cannotWrite(file: string, reason: string): string };
  /**
   * Milliseconds each write waits first, so the outcomes of a long batch reach the file a few times a
   * second instead of back to back (0, the default: at once). settled() cuts the wait short.
   */
  writeGapMs?: number;
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
  let writeWarned = false;
  /** Outcomes not yet written, and the write that will take them (one write for all that arrive meanwhile). */
  let pending: { identity: ReturnType<typeof healthIdentity>; outcome: HealthOutcome; now: Date }[] = [];
  let written: Promise<void> = Promise.resolve();
  let nextWrite: Promise<void> | null = null;
  let endGap: (() => void) | null = null;
  let flushing = false;
  const gap = () =>
    deps.writeGapMs && !flushing
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deps.writeGapMs);
          endGap = () => {
            clearTimeout(timer);
            resolve();
          };
        })
      : undefined;
  const apply = (entries: HealthState['entries'], batch: typeof pending): HealthState => ({
    version: 1,
    entries: batch.reduce(
      (current, { identity, outcome, now }) => ({
        ...current,
        [identity.key]: applyOutcome(current[identity.key], outcome, identity, now, config),
      }),
      entries,
    ),
  });
  const write = async () => {
    nextWrite = null;
    const batch = pending;
    pending = [];
    try {
      const saved = await updateHealthState(file, (current) => apply(current.entries, batch));
      // the file's state, which other processes may have added to, and what was recorded meanwhile
      state = apply(saved.entries, pending);
    } catch (error) {
      // health is advice: a run goes on without it (what it recorded stays in memory), and says so once
      if (!writeWarned) deps.warn(deps.messages.cannotWrite(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
      writeWarned = true;
    }
  };
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
    // Calls ending while a write is under way share the next one: a batch of a thousand calls at once
    // rewrites the file a few times, not a thousand, and no call waits for it (settled() does).
    record: (model, outcome) => {
      const entry = { identity: healthIdentity(model), outcome, now: deps.currentDate() };
      pending.push(entry);
      state = apply(state.entries, [entry]);
      if (!nextWrite) {
        nextWrite = written.then(gap).then(write);
        written = nextWrite;
      }
      return nextWrite;
    },
    settled: async () => {
      // a gap under way ends now, and one that starts meanwhile does not wait
      flushing = true;
      let current: Promise<void>;
      try {
        do {
          endGap?.();
          current = written;
          await current;
        } while (current !== written);
      } finally {
        flushing = false;
      }
    },
  };
}
