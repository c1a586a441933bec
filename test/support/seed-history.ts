import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planRunDuels } from '../../src/commands/vote/plan-duels.js';
import { draftGroups } from '../../src/commands/vote/vote-drafts.js';
import { seededRandom } from '../../src/judge/judge-random.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import type { DuelOutcome } from '../../src/store/verdicts.js';
import { builtBin } from './run-built-cli.js';

/** Where and how the built CLI runs for a seeded history. */
export interface SeedOptions {
  /** The bin to run (default: builtBin(), a private build of src/). */
  bin?: string;
  /** Extra environment for every command (e.g. WECHAT_WRITER_LANG). */
  env?: Record<string, string>;
}

/** The runs a seeded history holds, by what they show. */
export interface SeededHistory {
  runIds: { compare: number; batch: number; write: number; judged: number };
  /** The working directory the commands ran in (outputs, the config and the JSONL are there). */
  cwd: string;
  /** The environment every command ran with (WECHAT_WRITER_HOME among it). */
  env: Record<string, string>;
}

/** The batch: 3 prompts, each with a kind of writing as its tag. */
export const seedPrompts = [
  { id: 'coffee', prompt: '写一篇关于周末手冲咖啡的公众号短文', tags: ['短文'] },
  { id: 'titles', prompt: '给一篇讲秋天第一杯奶茶的推文写 5 个标题', tags: ['标题'] },
  { id: 'night-run', prompt: '写一篇 800 字的城市夜跑随笔', tags: ['长文'] },
] as const;

/** A `write` config: one mock model per role, the writer failing first so its backup serves (a fallback). */
export const writeConfig = `language: zh-CN
roles:
  default: [mock:alpha]
  planner: [mock:planner]
  writer:
    models: ["mock:writer?fail=1", mock:writer-backup]
    temperature: 0.9
  reviewer: [mock:reviewer]
retry:
  retries: 0
`;

/** Runs the bin with the home of the seed; rejects with its output when the exit code is not expected. */
export function runSeedCommand(
  bin: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; expectCodes?: number[]; onSpawn?: (child: ChildProcess) => void },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if ((options.expectCodes ?? [0]).includes(code ?? -1)) resolve({ code, stdout, stderr });
      else reject(new Error(`wechat-writer ${args.join(' ')} exited ${code}\n${stderr}\n${stdout.slice(0, 2000)}`));
    });
    options.onSpawn?.(child);
  });
}

const runIdOf = (stdout: string): number => {
  const runId = (JSON.parse(stdout) as { runId?: unknown }).runId;
  if (typeof runId !== 'number') throw new Error(`no runId in --json output: ${stdout.slice(0, 300)}`);
  return runId;
};

/** Records blind votes on a run as `vote` does: its duels (seeded), each stored at once as a human vote. */
async function voteOnRun(home: string, runId: number, voter: string, outcomes: readonly DuelOutcome[]): Promise<number> {
  const store = await openHistoryStore(home);
  try {
    const run = store.getRun(runId);
    if (!run) throw new Error(`run ${runId} is not in ${store.path}`);
    const duels = planRunDuels(draftGroups(run, store.verdicts.positionsOf(runId)), seededRandom(7));
    duels.forEach((duel, index) => {
      store.verdicts.recordVotes([
        {
          runId,
          promptId: duel.promptId,
          positionA: duel.a.position,
          positionB: duel.b.position,
          modelA: duel.a.model,
          modelB: duel.b.model,
          outcome: outcomes[index % outcomes.length] as DuelOutcome,
          source: 'human',
          voter,
          inconsistent: false,
          createdAt: new Date().toISOString(),
        },
      ]);
    });
    return duels.length;
  } finally {
    store.close();
  }
}

/**
 * Builds a realistic history in `home` through the built CLI (mock models, no network): a compare
 * run, a batch of 3 prompts × 2 models, a `write` run with a fallback, a judged run; then blind votes
 * on the batch and the judged run (through the store, as `vote` stores them) and a `pick` (the CLI).
 * The compare run is left without votes, for a test to vote on.
 */
export async function seedHistory(home: string, options: SeedOptions = {}): Promise<SeededHistory> {
  const bin = options.bin ?? (await builtBin());
  const cwd = path.join(home, '..', `seed-work-${path.basename(home)}`);
  mkdirSync(cwd, { recursive: true });
  const env = { WECHAT_WRITER_HOME: home, WECHAT_WRITER_SEED: '7', ...options.env };
  const cli = (args: string[], expectCodes?: number[]) => runSeedCommand(bin, args, { cwd, env, expectCodes });
  writeFileSync(path.join(cwd, 'week.jsonl'), `${seedPrompts.map((line) => JSON.stringify(line)).join('\n')}\n`);
  writeFileSync(path.join(cwd, 'write.config.yaml'), writeConfig);
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于冬天第一杯热可可的公众号文章，讲清楚怎么在家做。\n');

  const batch = runIdOf((await cli(['--prompts', 'week.jsonl', '--models', 'mock:alpha,mock:beta', '--tag', '周报', '--json'])).stdout);
  const write = runIdOf(
    (await cli(['write', '--config', 'write.config.yaml', '--prompt', 'brief.md', '--tag', '长文', '--json', '--no-check'])).stdout,
  );
  const judged = runIdOf(
    (await cli(['--models', 'mock:alpha,mock:beta,mock:gamma', '秋天的第一杯奶茶', '--judge', 'mock:judge', '--tag', '短文', '--json']))
      .stdout,
  );
  const compare = runIdOf((await cli(['--models', 'mock:alpha,mock:beta', '周末咖啡的三种喝法', '--json'])).stdout);

  await voteOnRun(home, batch, '小王', ['a', 'b', 'a', 'tie']);
  await voteOnRun(home, judged, '小王', ['a', 'b', 'both-bad']);
  await cli(['pick', String(judged), 'mock:beta', '--voter', '小王']);
  return { runIds: { compare, batch, write, judged }, cwd, env };
}

/** A running `view` of the built CLI. */
export interface RunningView {
  /** The printed URL, token included (`http://127.0.0.1:PORT/?token=…`). */
  url: string;
  token: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** What the command printed so far. */
  output(): { stdout: string; stderr: string };
  /** Stops it (SIGINT, as Ctrl-C) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

const urlLine = /(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+)\/\?token=([A-Za-z0-9_-]+)/;

/** Starts `view --no-open --port 0` of the built CLI on `home`, resolving once it printed its URL (bounded). */
export async function startView(home: string, options: SeedOptions & { args?: string[]; timeoutMs?: number } = {}): Promise<RunningView> {
  const bin = options.bin ?? (await builtBin());
  const cwd = path.join(home, '..');
  const child = spawn(process.execPath, [bin, 'view', '--no-open', '--port', '0', ...(options.args ?? [])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, FORCE_COLOR: '0', WECHAT_WRITER_HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('view printed no URL in time')), options.timeoutMs ?? 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const look = () => {
      const match = urlLine.exec(stdout) ?? urlLine.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', (chunk: string) => ((stdout += chunk), look()));
    child.stderr.on('data', (chunk: string) => ((stderr += chunk), look()));
    child.on('error', fail);
    void exited.then((code) => fail(new Error(`view exited ${code} before printing its URL`)));
  });
  return {
    url: printed[0],
    origin: printed[1] as string,
    token: printed[2] as string,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
