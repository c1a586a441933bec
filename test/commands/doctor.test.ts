import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runDoctor, type DoctorReport } from '../../src/commands/doctor/run-doctor.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { UsageError } from '../../src/errors/usage-error.js';
import type { Env } from '../../src/io/env.js';
import { toAdapterConfig } from '../../src/providers/create-language-model.js';
import { resolveModel } from '../../src/providers/registry.js';
import { loadWireFormat } from '../../src/providers/wire-formats/wire-format-registry.js';
import { createMemoryIO, type MemoryIO } from '../support/memory-io.js';
import { basicAuthorization, startTestProxy } from '../support/test-proxy.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const goodKey = 'sk-doctor-good-key-123456';
const badKey = 'sk-doctor-wrong-key-654321';

/** A memory IO whose cwd holds `wechat-writer.config.yaml` with these providers (YAML text). */
function ioWith(providers: string, env: Env): MemoryIO {
  const io = createMemoryIO();
  io.env = { WECHAT_WRITER_HOME: io.cwd, ...env };
  if (providers !== '') writeFileSync(path.join(io.cwd, 'wechat-writer.config.yaml'), `providers:\n${providers}`);
  return io;
}

const provider = (id: string, type: 'openai' | 'anthropic', baseURL: string, keyEnv: string) =>
  `  ${id}:\n    type: ${type}\n    baseURL: ${baseURL}\n    apiKeyEnv: ${keyEnv}\n    defaultModel: ${id}-model\n`;

async function doctorJson(io: MemoryIO): Promise<{ code: number; report: DoctorReport }> {
  const code = await runDoctor({ json: true }, io);
  return { code, report: JSON.parse(io.out()) as DoctorReport };
}

const byId = (report: DoctorReport, id: string) => report.providers.find((check) => check.id === id);

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('doctor tells a good provider from a bad key', () => {
  const setUp = () => {
    const server = fakeServer();
    server.acceptedKeys.add(goodKey);
    return ioWith(
      provider('good', 'openai', server.openaiBaseURL, 'GOOD_KEY') +
        provider('bad', 'openai', server.openaiBaseURL, 'BAD_KEY') +
        provider('bad-claude', 'anthropic', server.anthropicBaseURL, 'BAD_CLAUDE_KEY'),
      // Wide enough for the whole table on one line per provider (at 80 the Fix column moves below it).
      { GOOD_KEY: goodKey, BAD_KEY: badKey, BAD_CLAUDE_KEY: badKey, COLUMNS: '200' },
    );
  };

  it('table: one ok, the bad keys rejected with a fix naming their variable; exit 1; no key anywhere', async () => {
    const io = setUp();
    const code = await runDoctor({ json: false }, io);
    expect(code).toBe(ExitCode.someFailed);
    const lines = io.out().split('\n');
    const row = (id: string) => lines.find((line) => line.startsWith(`│ ${id} `)) ?? '';
    expect(row('good')).toMatch(/GOOD_KEY .*✓ ok \(\/models\)/);
    expect(row('bad')).toMatch(/BAD_KEY .*✗ key rejected .*key rejected: check BAD_KEY/);
    expect(row('bad-claude')).toMatch(/BAD_CLAUDE_KEY .*✗ key rejected .*check BAD_CLAUDE_KEY/);
    expect(io.out()).toContain('✗ 2 of 3 checked providers failed');
    expect(io.out()).toContain(fakeServer().openaiBaseURL);
    // The fake server echoes a rejected key in its 401 message, as OpenAI does.
    for (const key of [goodKey, badKey]) expect(io.out() + io.err()).not.toContain(key);
  });

  it('--json: the documented shape, in catalogue order, with AUTH and the fix', async () => {
    const io = setUp();
    const { code, report } = await doctorJson(io);
    expect(code).toBe(ExitCode.someFailed);
    expect(report.version).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.providers.map((check) => check.id)).toEqual(['good', 'bad', 'bad-claude']);
    expect(Object.keys(report.providers[0] ?? {}).sort()).toEqual(
      ['apiKeyEnv', 'baseURL', 'error', 'fix', 'id', 'keyAccepted', 'keyPresent', 'latencyMs', 'method', 'ok', 'proxy', 'reachable'].sort(),
    );
    expect(byId(report, 'good')).toMatchObject({
      baseURL: fakeServer().openaiBaseURL,
      proxy: null,
      apiKeyEnv: 'GOOD_KEY',
      keyPresent: true,
      reachable: true,
      keyAccepted: true,
      method: 'models',
      ok: true,
      error: null,
      fix: null,
    });
    expect(byId(report, 'good')?.latencyMs).toEqual(expect.any(Number));
    for (const id of ['bad', 'bad-claude']) {
      expect(byId(report, id)).toMatchObject({
        keyPresent: true,
        reachable: true,
        keyAccepted: false,
        method: 'models',
        ok: false,
        error: { type: 'AUTH', message: expect.stringContaining('HTTP 401') },
        fix: expect.stringContaining(id === 'bad' ? 'check BAD_KEY' : 'check BAD_CLAUDE_KEY'),
      });
    }
    expect(report.notConfigured).toContain('openai');
    expect(report.notConfigured).not.toContain('mock');
    expect(io.out() + io.err()).not.toContain(badKey);
  });

  it('sends each format its own auth: Bearer for OpenAI, x-api-key and anthropic-version for Anthropic', async () => {
    const io = setUp();
    await runDoctor({ json: true }, io);
    const requests = fakeServer().requests;
    expect(requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /v1/models',
      'GET /v1/models',
      'GET /v1/models',
    ]);
    const claude = requests.find((request) => request.headers['anthropic-version']);
    expect(claude?.headers['x-api-key']).toBe(badKey);
    const good = requests.find((request) => request.headers.authorization === `Bearer ${goodKey}`);
    expect(good).toBeDefined();
  });
});

describe('doctor checks', () => {
  it('falls back to a 1-token call with the default model where /models answers 404 (or 405)', async () => {
    const server = fakeServer();
    server.acceptedKeys.add(goodKey);
    server.pathReplies.set('/no-list/v1/models', { status: 404, errorBody: { error: { message: 'Not found' } } });
    server.pathReplies.set('/no-list-claude/v1/models', { status: 405, errorBody: { error: { message: 'Method not allowed' } } });
    const io = ioWith(
      provider('plain', 'openai', `${server.url}/no-list/v1`, 'GOOD_KEY') +
        provider('claude-proxy', 'anthropic', `${server.url}/no-list-claude`, 'GOOD_KEY'),
      { GOOD_KEY: goodKey },
    );
    const { code, report } = await doctorJson(io);
    expect(code, io.err()).toBe(ExitCode.ok);
    expect(report.ok).toBe(true);
    expect(byId(report, 'plain')).toMatchObject({ ok: true, method: 'generate', reachable: true, keyAccepted: true });
    expect(byId(report, 'claude-proxy')).toMatchObject({ ok: true, method: 'generate' });
    const chat = server.requests.find((request) => request.path === '/no-list/v1/chat/completions');
    expect(chat?.body).toMatchObject({ model: 'plain-model', max_completion_tokens: 1 });
    const messages = server.requests.find((request) => request.path === '/no-list-claude/v1/messages');
    expect(messages?.body).toMatchObject({ model: 'claude-proxy-model', max_tokens: 1 });
  });

  it('a config provider whose key variable is not set fails with "set LOCAL_KEY", without calling it', async () => {
    const io = ioWith(provider('local', 'openai', fakeServer().openaiBaseURL, 'LOCAL_KEY'), { COLUMNS: '200' });
    const code = await runDoctor({ json: false }, io);
    expect(code).toBe(ExitCode.someFailed);
    expect(io.out()).toMatch(/local .*LOCAL_KEY \(not set\) .*✗ key missing .*set LOCAL_KEY in the environment or \.env/);
    expect(fakeServer().requests).toHaveLength(0);
    const again = ioWith(provider('local', 'openai', fakeServer().openaiBaseURL, 'LOCAL_KEY'), {});
    const { report } = await doctorJson(again);
    expect(byId(report, 'local')).toMatchObject({
      keyPresent: false,
      reachable: null,
      keyAccepted: null,
      method: null,
      latencyMs: null,
      ok: false,
      error: { type: 'MISSING_KEY' },
      fix: 'set LOCAL_KEY in the environment or .env',
    });
  });

  it('an endpoint nobody listens on fails as NETWORK with a hint naming the base URL variable', async () => {
    const port = await closedPort();
    const io = ioWith(provider('gone', 'openai', `http://127.0.0.1:${port}/v1`, 'GOOD_KEY'), { GOOD_KEY: goodKey });
    const { report } = await doctorJson(io);
    expect(byId(report, 'gone')).toMatchObject({
      reachable: false,
      keyAccepted: null,
      ok: false,
      error: { type: 'NETWORK' },
      fix: `cannot reach http://127.0.0.1:${port}/v1: check GONE_BASE_URL (or providers.gone.baseURL) / the proxy`,
    });
  });

  it('an endpoint that never answers ends as TIMEOUT at the 2 s bound, and the others do not wait for it', async () => {
    const server = fakeServer();
    server.pathReplies.set('/hang/v1/models', { neverAnswer: true });
    const io = ioWith(
      provider('hang', 'openai', `${server.url}/hang/v1`, 'GOOD_KEY') + provider('fine', 'openai', server.openaiBaseURL, 'GOOD_KEY'),
      { GOOD_KEY: goodKey },
    );
    // The clock is fake: it moves by the 2 s bound only once the server holds the hanging request.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const running = doctorJson(io);
      // Both checks start at once: the fine one is asked before the hanging one's bound has passed.
      await server.until(() => server.hangs >= 1 && server.requests.some((request) => request.path === '/v1/models'));
      await vi.advanceTimersByTimeAsync(2000);
      const { code, report } = await running;
      expect(code).toBe(ExitCode.someFailed);
      expect(byId(report, 'fine')).toMatchObject({ ok: true });
      expect(byId(report, 'hang')).toMatchObject({
        ok: false,
        latencyMs: 2000,
        error: { type: 'TIMEOUT' },
        fix: expect.stringContaining(`no answer within 2 s from ${server.url}/hang/v1`),
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('checks built-in presets with a key or a base URL set, counts the rest, and never checks the mock', async () => {
    const server = fakeServer();
    const host = server.url.replace('http://', '');
    const io = ioWith('', {
      DEEPSEEK_API_KEY: goodKey,
      DEEPSEEK_BASE_URL: server.openaiBaseURL,
      OPENAI_BASE_URL: server.openaiBaseURL,
      OLLAMA_HOST: host,
    });
    const { code, report } = await doctorJson(io);
    expect(code).toBe(ExitCode.someFailed);
    expect(report.providers.map((check) => check.id)).toEqual(['openai', 'deepseek', 'ollama']);
    expect(byId(report, 'openai')).toMatchObject({ error: { type: 'MISSING_KEY' }, fix: 'set OPENAI_API_KEY in the environment or .env' });
    expect(byId(report, 'deepseek')).toMatchObject({ ok: true, apiKeyEnv: 'DEEPSEEK_API_KEY', method: 'models' });
    expect(byId(report, 'ollama')).toMatchObject({ ok: true, keyPresent: null, apiKeyEnv: null, baseURL: `${server.url}/v1` });
    expect(report.notConfigured).not.toContain('mock');
    expect(report.notConfigured).toContain('anthropic');
    expect(report.notConfigured).not.toContain('ollama');

    const table = ioWith('', { DEEPSEEK_API_KEY: goodKey, DEEPSEEK_BASE_URL: server.openaiBaseURL });
    expect(await runDoctor({ json: false }, table)).toBe(ExitCode.ok);
    expect(table.out()).toContain('✓ all 1 checked provider ok');
    expect(table.out()).toMatch(/\d+ other presets not configured: see wechat-writer models/);
    expect(table.out()).not.toContain('mock');
  });

  it('with nothing configured, says how to configure a provider and exits 1', async () => {
    const io = ioWith('', {});
    expect(await runDoctor({ json: false }, io)).toBe(ExitCode.someFailed);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(
      /no provider is configured, so nothing was checked: set a key .* or describe a provider in wechat-writer\.config\.yaml/,
    );
    const json = ioWith('', {});
    const { code, report } = await doctorJson(json);
    expect(code).toBe(ExitCode.someFailed);
    expect(report).toMatchObject({ version: 1, ok: false, providers: [] });
  });

  it('an unreadable --config is a usage error (exit 2, handled centrally)', async () => {
    const io = ioWith('', {});
    await expect(runDoctor({ json: false, config: 'missing.yaml' }, io)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('doctor through a proxy', () => {
  const password = 'pw-doctor-proxy-secret';

  it('says which proxy each provider went through, password hidden, in the table and --json', async () => {
    const server = fakeServer();
    const proxy = await startTestProxy();
    try {
      proxy.requiredAuthorization = basicAuthorization('writer', password);
      const env = { GOOD_KEY: goodKey, HTTP_PROXY: `http://writer:${password}@127.0.0.1:${proxy.port}` };
      const shown = `http://writer:***@127.0.0.1:${proxy.port}`;
      const table = ioWith(provider('via', 'openai', server.openaiBaseURL, 'GOOD_KEY'), { ...env, COLUMNS: '200' });
      expect(await runDoctor({ json: false }, table)).toBe(ExitCode.ok);
      expect(table.out()).toMatch(/│ Provider +│ Endpoint +│ Proxy +│ Key/);
      expect(table.out()).toMatch(new RegExp(`│ via +│ \\S+ +│ ${shown.replaceAll('*', '\\*')} +│ GOOD_KEY +│ ✓ ok`));
      const json = ioWith(provider('via', 'openai', server.openaiBaseURL, 'GOOD_KEY'), env);
      const { report } = await doctorJson(json);
      expect(byId(report, 'via')).toMatchObject({ ok: true, proxy: shown });
      expect(proxy.forwards.map((forward) => `${forward.method} ${forward.url}`)).toEqual([
        `GET ${server.openaiBaseURL}/models`,
        `GET ${server.openaiBaseURL}/models`,
      ]);
      for (const io of [table, json]) expect(io.out() + io.err()).not.toContain(password);

      const direct = ioWith(provider('via', 'openai', server.openaiBaseURL, 'GOOD_KEY'), { ...env, NO_PROXY: '127.0.0.1' });
      expect(byId((await doctorJson(direct)).report, 'via')).toMatchObject({ ok: true, proxy: null });
      expect(proxy.forwards).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('a dead proxy fails as NETWORK naming the proxy (never its password), with a hint naming the variable', async () => {
    const port = await closedPort();
    const io = ioWith(provider('via', 'openai', fakeServer().openaiBaseURL, 'GOOD_KEY'), {
      GOOD_KEY: goodKey,
      http_proxy: `http://writer:${password}@127.0.0.1:${port}`,
    });
    const { report } = await doctorJson(io);
    expect(byId(report, 'via')).toMatchObject({
      ok: false,
      reachable: false,
      proxy: `http://writer:***@127.0.0.1:${port}`,
      error: {
        type: 'NETWORK',
        message: expect.stringContaining(`NETWORK: could not reach the provider through proxy 127.0.0.1:${port} (ECONNREFUSED)`),
      },
      fix: expect.stringContaining('through the proxy: check HTTP_PROXY'),
    });
    expect(io.out()).not.toContain(password);
    expect(fakeServer().requests).toHaveLength(0);
  });
});

/** The model-list request a wire format's key probe sends for this preset, through the real SDK, seen by a fetch that answers an empty list. */
async function probeRequest(id: string, env: Env): Promise<{ url: string; headers: Headers }> {
  const seen: { url: string; headers: Headers }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), headers: new Headers(init?.headers) });
    return new Response('{"object":"list","data":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const model = resolveModel(id, env);
  const adapter = await loadWireFormat(model.wireFormat);
  await adapter.probeKey({ ...toAdapterConfig(model, env), fetch }, { timeoutMs: 2000 }, { answered: false, method: 'models' });
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

describe('the key probe, as each wire format sends it', () => {
  it('honours Azure: the key in api-key (no Bearer), the api-version query and the endpoint', async () => {
    const env = {
      AZURE_OPENAI_API_KEY: goodKey,
      AZURE_OPENAI_ENDPOINT: 'https://example.openai.azure.com',
      AZURE_OPENAI_API_VERSION: '2024-10-21',
    };
    const request = await probeRequest('azure', env);
    expect(request.url).toBe('https://example.openai.azure.com/openai/v1/models?api-version=2024-10-21');
    expect(request.headers.get('api-key')).toBe(goodKey);
    expect(request.headers.get('authorization')).toBeNull();
  });

  it('adds preset headers and joins base URLs that end in a slash', async () => {
    const request = await probeRequest('openrouter', { OPENROUTER_API_KEY: goodKey });
    expect(request.url).toBe('https://openrouter.ai/api/v1/models');
    expect(request.headers.get('X-OpenRouter-Title')).toBe('wechat-writer');
    expect((await probeRequest('gemini', { GEMINI_API_KEY: goodKey })).url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/openai/models',
    );
    const claude = await probeRequest('anthropic', { ANTHROPIC_API_KEY: goodKey });
    expect(claude.url).toBe('https://api.anthropic.com/v1/models');
    expect(claude.headers.get('x-api-key')).toBe(goodKey);
    expect(claude.headers.get('anthropic-version')).toBeTruthy();
  });
});
