import { describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { ExitCode } from '../../src/errors/exit-codes.js';

const secret = 'sk-debug-secret-0123456789';

function stderrOf(error: unknown, debug: boolean): { code: number; text: string } {
  let text = '';
  const code = handleError(
    error,
    { env: { TEAM_API_KEY: secret }, stderr: { write: (chunk: string) => ((text += chunk), true) } } as never,
    debug,
  );
  return { code, text };
}

describe('handleError', () => {
  const failure = new Error('the call failed', { cause: new Error(`socket hang up while sending ${secret}\u001b]0;title\u0007`) });

  it('prints one line without --debug', () => {
    const { code, text } = stderrOf(failure, false);
    expect(code).toBe(ExitCode.someFailed);
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('with --debug shows the stack and every cause, redacted and free of escape sequences', () => {
    const { text } = stderrOf(failure, true);
    expect(text).toContain('caused by: Error: socket hang up while sending [redacted]');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('\u001b');
  });
});
