import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-completion-'));
const hasShell = (shell: string) => {
  try {
    execFileSync(shell, ['-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('wechat-writer completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: subcommands, their options and the catalogue’s model ids', async (shell) => {
    const run = await runCliInProcess(['completion', shell], { cwd });
    expect(run.code).toBe(0);
    for (const word of [
      'history',
      'models',
      'doctor',
      'write',
      'init',
      'completion',
      '--models',
      '--lang',
      '--revise',
      'deepseek:deepseek-flash',
      'mock:alpha',
    ]) {
      expect(run.stdout, word).toContain(shell === 'fish' && word.startsWith('--') ? `-l ${word.slice(2)}` : word);
    }
  });

  it('bash: the script parses and completes a subcommand, an option and a model id', async () => {
    if (!hasShell('bash')) return;
    const script = path.join(cwd, 'completion.bash');
    writeFileSync(script, (await runCliInProcess(['completion', 'bash'], { cwd })).stdout);
    const complete = (line: string) => {
      const words = line.split(' ');
      return execFileSync(
        'bash',
        [
          '-c',
          `source "$0"; COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=($1); COMP_CWORD=$2; _wechat_writer; printf '%s\\n' "\${COMPREPLY[@]}"`,
          script,
          line,
          String(line.endsWith(' ') ? words.length - 1 : words.length - 1),
        ],
        { encoding: 'utf8' },
      ).trim();
    };
    expect(complete('wechat-writer hist')).toBe('history');
    expect(complete('wechat-writer write --rev')).toBe('--revise');
    expect(complete('wechat-writer -m deepseek:deepseek-f')).toBe('deepseek-flash');
  });

  it('refuses another shell with exit 2', async () => {
    const run = await runCliInProcess(['completion', 'powershell'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('completion takes bash, zsh or fish');
  });
});
