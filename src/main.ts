import { buildProgram, type ProgramDeps } from './cli/build-program.js';
import type { CommandIO } from './cli/command-io.js';
import { handleError } from './cli/handle-error.js';
import { separateReuseAge } from './cli/reuse-argument.js';
import { ExitCode, type ExitCodeValue } from './errors/exit-codes.js';
import { languageFromArgv } from './i18n/language-from-argv.js';
import { runInLanguage } from './i18n/language.js';

/** Runs the CLI with injected I/O (and, in tests, `deps`) and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: CommandIO, deps: ProgramDeps = {}): Promise<ExitCodeValue> {
  return runInLanguage(languageFromArgv(argv, io.env, io.cwd), () => runProgram(argv, io, deps));
}

async function runProgram(argv: readonly string[], io: CommandIO, deps: ProgramDeps): Promise<ExitCodeValue> {
  let exitCode: ExitCodeValue = ExitCode.ok;
  try {
    await buildProgram(
      io,
      (code) => {
        exitCode = code;
      },
      deps,
    ).parseAsync(separateReuseAge(argv), { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io, argv.includes('--debug'));
  }
}
