import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalKeys, type TerminalStreams } from '../../src/commands/vote/key-reader.js';

/** A stand-in for a terminal's stdin (raw mode recorded) and stdout (resize events). */
function fakeTerminal() {
  const modes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isRaw: false,
    setRawMode(mode: boolean) {
      modes.push(mode);
      stdin.isRaw = mode;
      return stdin;
    },
  });
  const stdout = new EventEmitter();
  return { streams: { stdin, stdout } as unknown as TerminalStreams, stdin, stdout, modes };
}

describe('keys from a real terminal', () => {
  it('reads single keypresses in raw mode and gives the mode back when the session stops', async () => {
    const { streams, stdin, stdout, modes } = fakeTerminal();
    const keys = terminalKeys(streams);
    const first = keys.next();
    stdin.write('a');
    expect((await first).value).toBe('a');
    expect(modes).toEqual([true]);
    stdin.write('\u001b[6~');
    expect((await keys.next()).value).toBe('next-page');
    stdin.write('\u001b[5~');
    expect((await keys.next()).value).toBe('previous-page');
    stdin.write(' ');
    expect((await keys.next()).value).toBe('next-page');
    stdout.emit('resize');
    expect((await keys.next()).value).toBe('resize');
    stdin.write('\u0003');
    expect((await keys.next()).value).toBe('interrupt');
    await keys.return(undefined);
    expect(modes).toEqual([true, false]);
    expect(stdin.listenerCount('keypress')).toBe(0);
    expect(stdout.listenerCount('resize')).toBe(0);
  });

  it('reads an aborted run (SIGTERM, SIGHUP) as an interrupt', async () => {
    const { streams } = fakeTerminal();
    const controller = new AbortController();
    const keys = terminalKeys(streams, controller.signal);
    const next = keys.next();
    controller.abort();
    expect((await next).value).toBe('interrupt');
    await keys.return(undefined);
  });
});
