import { Chalk } from 'chalk';
import type { CommandIO } from '../../cli/command-io.js';
import { loadSettings } from '../../config/load-settings.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { InterruptedError } from '../../errors/interrupted-error.js';
import { createNodeHttpFetch } from '../../providers/node-http-fetch.js';
import { proxyPasswords } from '../../providers/proxy-for-url.js';
import { redactSecrets } from '../../providers/redact-secrets.js';
import type { Env } from '../../io/env.js';
import { t } from '../../i18n/translate.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { checkProvider, type ProviderCheck } from './check-provider.js';
import { renderDoctorTable } from './render-doctor-table.js';
import { selectDoctorTargets } from './select-doctor-targets.js';
import { readProviderState } from '../models/provider-state.js';

/** Each provider's check (both calls, if it falls back to a 1-token call) ends within this. */
export const doctorTimeoutMs = 2000;

/** `wechat-writer doctor` options. */
export interface DoctorOptions {
  json: boolean;
  /** The config file (`--config`); its providers are checked too. */
  config?: string;
  /** Bound of each check (`--timeout`), default {@link doctorTimeoutMs}. */
  timeoutMs?: number;
}

/** What `doctor` can be given instead of the real thing (tests use the defaults against a local server). */
export interface DoctorDeps {
  fetch?: typeof fetch;
  /** Per-provider bound, default {@link doctorTimeoutMs}. */
  timeoutMs?: number;
}

/** `doctor --json`: one object per checked provider, in catalogue order. */
export interface DoctorReport {
  version: 1;
  ok: boolean;
  providers: ProviderCheck[];
  /** Built-in presets with no key and no base URL set, which were not checked. */
  notConfigured: string[];
}

/** Every value that must never be printed: the keys in play, proxy passwords and any env variable that looks secret. */
const secretsOf = (env: Env, keys: readonly string[]) => [
  ...keys,
  ...proxyPasswords(env),
  ...Object.entries(env)
    .filter(([name]) => /KEY|TOKEN|SECRET|PASSWORD/i.test(name))
    .map(([, value]) => value),
];

function summaryLines(report: DoctorReport): string {
  const failed = report.providers.filter((check) => !check.ok).length;
  const total = report.providers.length;
  const lines = [
    failed === 0 ? t(total === 1 ? 'doctor.allOkOne' : 'doctor.allOkMany', { total }) : t('doctor.someFailed', { failed, total }),
  ];
  const count = report.notConfigured.length;
  if (count > 0) lines.push(t(count === 1 ? 'doctor.notConfiguredOne' : 'doctor.notConfiguredMany', { count }));
  return `${lines.join('\n')}\n`;
}

/**
 * Checks every configured provider in parallel (key present → endpoint reachable → key accepted,
 * by `GET /models` or a 1-token call), each within 2 s, and prints a table with a fix per failure
 * (or `--json`). Exit 0 when every check passed, 1 when any failed or nothing was configured.
 */
export async function runDoctor(options: DoctorOptions, io: CommandIO, deps: DoctorDeps = {}): Promise<ExitCodeValue> {
  const settings = await loadSettings(options.config, io);
  const { targets, notConfigured } = selectDoctorTargets(io.env, settings.catalog);
  const checkDeps = {
    fetch: deps.fetch ?? createNodeHttpFetch({ env: io.env }),
    now: () => io.now(),
    timeoutMs: options.timeoutMs ?? deps.timeoutMs ?? doctorTimeoutMs,
    env: io.env,
    signal: io.signal,
  };
  const providers = await Promise.all(targets.map((target) => checkProvider(target, checkDeps)));
  if (io.signal?.aborted) throw new InterruptedError();
  const state = await readProviderState(
    providers.map((check) => check.id),
    io,
    settings,
  );
  const report: DoctorReport = {
    version: 1,
    ok: providers.length > 0 && providers.every((check) => check.ok),
    providers: state.join(providers, (check) => check.id),
    notConfigured,
  };
  const secrets = secretsOf(
    io.env,
    targets.flatMap((target) => target.model.apiKeys),
  );
  const redact = (text: string) => redactSecrets(text, secrets);
  if (options.json) {
    io.stdout.write(redact(`${JSON.stringify(report, null, 2)}\n`));
  } else if (providers.length > 0) {
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    const width = terminalWidth(io.stdout, io.env);
    io.stdout.write(
      redact(
        `${renderDoctorTable(providers, color, width, (check) => state.health.get(check.id)?.text ?? null)}\n${state.limitLines()}${summaryLines(report)}`,
      ),
    );
  }
  if (providers.length === 0) io.stderr.write(`wechat-writer: ${t('doctor.noneConfigured')}\n`);
  return report.ok ? ExitCode.ok : ExitCode.someFailed;
}
