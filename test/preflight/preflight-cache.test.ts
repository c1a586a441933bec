import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightCacheFile, preflightCacheMs, readPassedChecks, rememberPassedChecks } from '../../src/preflight/preflight-cache.js';

const at = (iso: string) => new Date(iso);
const home = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-preflight-cache-')), 'home');

describe('the passed-checks cache', () => {
  it('trusts a passed check for the window, then no longer', async () => {
    const dir = home();
    await rememberPassedChecks(dir, ['a'.repeat(64)], at('2026-12-01T10:00:00Z'));
    expect(await readPassedChecks(dir, at('2026-12-01T10:04:59Z'))).toEqual(new Set(['a'.repeat(64)]));
    expect(await readPassedChecks(dir, new Date(at('2026-12-01T10:00:00Z').getTime() + preflightCacheMs))).toEqual(new Set());
  });

  it('ignores an entry dated beyond the window (a clock set back) and a damaged file', async () => {
    const dir = home();
    await rememberPassedChecks(dir, ['b'], at('2026-12-01T10:00:00Z'));
    expect(await readPassedChecks(dir, at('2026-12-01T09:00:00Z'))).toEqual(new Set());
    writeFileSync(path.join(dir, preflightCacheFile), '{ not json');
    expect(await readPassedChecks(dir, at('2026-12-01T10:01:00Z'))).toEqual(new Set());
  });

  it('keeps other live entries, drops expired ones, and writes mode 600', async () => {
    const dir = home();
    await rememberPassedChecks(dir, ['old'], at('2026-12-01T10:00:00Z'));
    await rememberPassedChecks(dir, ['mid'], at('2026-12-01T10:03:00Z'));
    await rememberPassedChecks(dir, ['new'], at('2026-12-01T10:06:00Z'));
    const file = path.join(dir, preflightCacheFile);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { version: number; passed: Record<string, string> };
    expect(stored.version).toBe(1);
    expect(Object.keys(stored.passed).sort()).toEqual(['mid', 'new']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a home that cannot be written only costs a check next time', async () => {
    const dir = home();
    writeFileSync(path.dirname(dir) + '/home', 'a file, not a directory');
    await expect(rememberPassedChecks(dir, ['c'], at('2026-12-01T10:00:00Z'))).resolves.toBeUndefined();
  });
});
