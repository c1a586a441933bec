import { Chalk } from 'chalk';
import type { CommandIO } from '../cli/command-io.js';
import { checkProvider, type ProviderCheck } from '../commands/doctor/check-provider.js';
import { renderDoctorTable } from '../commands/doctor/render-doctor-table.js';
import { doctorTimeoutMs } from '../commands/doctor/run-doctor.js';
import { resolveHomeDirectory } from '../config/home-directory.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import { createNodeHttpFetch } from '../providers/node-http-fetch.js';
import { proxyPasswords } from '../providers/proxy-for-url.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import { secretsOf, type ResolvedModel } from '../providers/registry.js';
import { resolveColorLevel } from '../ui/color-level.js';
import { terminalWidth } from '../ui/fit-table.js';
import { readPassedChecks, rememberPassedChecks } from './preflight-cache.js';
import { preflightTargets } from './preflight-targets.js';

/** What the check can be given instead of the real thing (tests). */
export interface PreflightDeps {
  fetch?: typeof fetch;
  /** Bound of each check, default the doctor's 2 s. */
  timeoutMs?: number;
}

/** What one preflight did: how many checks it needed, how many it ran (the rest were cached). */
export interface PreflightOutcome {
  needed: number;
  checked: number;
}

/** Every value that must never be printed: the keys in play, proxy passwords and any env variable that looks secret. */
const secretsIn = (io: CommandIO, models: readonly ResolvedModel[]) => [
  ...secretsOf(...models),
  ...proxyPasswords(io.env),
  ...Object.entries(io.env)
    .filter(([name]) => /KEY|TOKEN|SECRET|PASSWORD/i.test(name))
    .map(([, value]) => value),
];

/**
 * Checks every key and endpoint the run may call (`models`: each role's chain, fallbacks, the judge)
 * with the doctor's probe, in parallel, each within 2 s, before the first generation call. Checks
 * that passed within the last few minutes are not run again. Any failure prints the doctor table of
 * the failed checks on stderr and throws a UsageError (exit 2): nothing has been called.
 */
export async function runPreflight(models: readonly ResolvedModel[], io: CommandIO, deps: PreflightDeps = {}): Promise<PreflightOutcome> {
  const targets = preflightTargets(models, io.env);
  if (targets.length === 0) return { needed: 0, checked: 0 };
  const home = resolveHomeDirectory(io.env);
  const passed = await readPassedChecks(home, io.currentDate());
  const due = targets.filter((target) => !passed.has(target.identity));
  if (due.length === 0) return { needed: targets.length, checked: 0 };
  const checkDeps = {
    fetch: deps.fetch ?? createNodeHttpFetch({ env: io.env }),
    now: () => io.now(),
    timeoutMs: deps.timeoutMs ?? doctorTimeoutMs,
    env: io.env,
    signal: io.signal,
  };
  const checks: ProviderCheck[] = await Promise.all(
    due.map(async (target) => ({ ...(await checkProvider(target.target, checkDeps)), id: target.label })),
  );
  if (io.signal?.aborted) throw new InterruptedError();
  await rememberPassedChecks(
    home,
    due.filter((_, index) => checks[index]?.ok).map((target) => target.identity),
    io.currentDate(),
  );
  const failed = checks.filter((check) => !check.ok);
  if (failed.length === 0) return { needed: targets.length, checked: due.length };
  const color = new Chalk({ level: resolveColorLevel(io.env, io.stderr.isTTY === true) });
  const table = renderDoctorTable(failed, color, terminalWidth(io.stderr, io.env));
  io.stderr.write(redactSecrets(`${t('preflight.heading')}\n${table}\n`, secretsIn(io, models)));
  throw new UsageError(t('preflight.failed', { failed: failed.length, total: targets.length }));
}
