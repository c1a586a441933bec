import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { builtInSettings, loadSettings, type SettingsDeps } from '../../src/config/load-settings.js';
import { UsageError } from '../../src/errors/usage-error.js';

let cwd: string;
let home: string;

beforeEach(() => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ww-settings-'));
  cwd = path.join(root, 'project');
  home = path.join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(home);
});

/** A config whose only mark is its concurrency, to see which file was read. */
const marked = (concurrency: number) => `concurrency: ${concurrency}\n`;
const deps = (env: Record<string, string> = {}): SettingsDeps => ({
  env: { WECHAT_WRITER_HOME: home, ...env },
  cwd,
  readTextFile: (filePath) => readFile(filePath, 'utf8'),
});

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('loadSettings: which file', () => {
  it('without any config file: the built-in settings (env-only setups unchanged)', async () => {
    expect(await loadSettings(undefined, deps())).toBe(builtInSettings);
  });

  it('--config wins over ./wechat-writer.config.yaml and WECHAT_WRITER_HOME/config.yaml', async () => {
    writeFileSync(path.join(cwd, 'mine.yaml'), marked(1));
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), marked(2));
    writeFileSync(path.join(home, 'config.yaml'), marked(3));
    const settings = await loadSettings('mine.yaml', deps());
    expect(settings).toMatchObject({ concurrency: 1, configFile: 'mine.yaml' });
  });

  it('then ./wechat-writer.config.yaml', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), marked(2));
    writeFileSync(path.join(home, 'config.yaml'), marked(3));
    expect(await loadSettings(undefined, deps())).toMatchObject({ concurrency: 2, configFile: 'wechat-writer.config.yaml' });
  });

  it('then WECHAT_WRITER_HOME/config.yaml, named by its absolute path', async () => {
    writeFileSync(path.join(home, 'config.yaml'), marked(3));
    expect(await loadSettings(undefined, deps())).toMatchObject({ concurrency: 3, configFile: path.join(home, 'config.yaml') });
  });

  it('reads --config relative to the working directory, or absolute', async () => {
    mkdirSync(path.join(cwd, 'conf'));
    writeFileSync(path.join(cwd, 'conf', 'a.yaml'), marked(4));
    expect(await loadSettings('conf/a.yaml', deps())).toMatchObject({ concurrency: 4, configFile: path.join('conf', 'a.yaml') });
    writeFileSync(path.join(home, 'elsewhere.yaml'), marked(5));
    const absolute = path.join(home, 'elsewhere.yaml');
    expect(await loadSettings(absolute, deps())).toMatchObject({ concurrency: 5, configFile: absolute });
  });
});

describe('loadSettings: errors', () => {
  it('a --config that does not exist is a clear usage error, even when a default file exists', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), marked(2));
    const error = await usageError(loadSettings('missing.yaml', deps()));
    expect(error.message).toBe('cannot read --config "missing.yaml": it does not exist; check the path, or leave out --config');
  });

  it('a --config that is a directory says so', async () => {
    mkdirSync(path.join(cwd, 'dir.yaml'));
    const error = await usageError(loadSettings('dir.yaml', deps()));
    expect(error.message).toContain('cannot read --config "dir.yaml": it is a directory, not a file');
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('an unreadable default file is not skipped silently', async () => {
    const file = path.join(cwd, 'wechat-writer.config.yaml');
    writeFileSync(file, marked(2));
    chmodSync(file, 0o000);
    writeFileSync(path.join(home, 'config.yaml'), marked(3));
    const error = await usageError(loadSettings(undefined, deps()));
    expect(error.message).toBe(
      `cannot read the config file ${file}: it is not readable (permission denied); fix it, or pass --config <file>`,
    );
  });

  it('a default config path that is a directory is an error, not skipped', async () => {
    mkdirSync(path.join(cwd, 'wechat-writer.config.yaml'));
    const error = await usageError(loadSettings(undefined, deps()));
    expect(error.message).toContain('is a directory, not a file; fix it, or pass --config <file>');
  });

  it('validation problems name the file they are in', async () => {
    writeFileSync(path.join(home, 'config.yaml'), 'concurrency: 0\nretry:\n  retries: 11\n');
    const error = await usageError(loadSettings(undefined, deps()));
    expect(error.message).toBe(
      `config ${path.join(home, 'config.yaml')} has 2 problems; nothing was called:\n  - concurrency: must be more than 0, got 0\n  - retry.retries: must be at most 10, got 11`,
    );
  });

  it('${VAR} is read from the environment given', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), 'providers:\n  p:\n    type: openai\n    baseURL: ${P_BASE}\n');
    await expect(loadSettings(undefined, deps())).rejects.toThrowError('providers.p.baseURL: ${P_BASE} is not set');
    const settings = await loadSettings(undefined, deps({ P_BASE: 'http://127.0.0.1:1/v1' }));
    expect(settings.catalog.find((preset) => preset.id === 'p')?.endpoints).toEqual({ openai: { config: 'http://127.0.0.1:1/v1' } });
  });
});
