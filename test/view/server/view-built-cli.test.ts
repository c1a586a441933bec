import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtBin, removeBuiltBin } from '../../support/run-built-cli.js';

afterAll(removeBuiltBin);

/** A GET to the view with the token as Bearer (and the right Host). */
const get = (port: number, target: string, token: string) =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: target, headers: { authorization: `Bearer ${token}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });

describe('wechat-writer view (built)', () => {
  it(
    'prints the URL, serves the API, the pages and the bundled assets, and stops on Ctrl-C with exit 0',
    { timeout: 180_000 },
    async () => {
      const bin = await builtBin();
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-view-cli-'));
      const child = spawn(process.execPath, [bin, 'view', '--no-open', '--port', '0'], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: cwd, WECHAT_WRITER_HOME: path.join(cwd, 'home'), FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        for (let tries = 0; tries < 1500 && !/token=\S+\n/.test(stdout); tries += 1)
          await new Promise((resolve) => setTimeout(resolve, 20));
        const url = new URL(/http:\/\/\S+/.exec(stdout)?.[0] ?? 'http://missing.invalid');
        expect(url.hostname, stderr).toBe('127.0.0.1');
        const token = url.searchParams.get('token')!;
        const port = Number(url.port);
        const runs = await get(port, '/api/runs', token);
        expect(runs.status).toBe(200);
        expect(JSON.parse(runs.body)).toMatchObject({ version: 1, runs: [] });
        const page = await get(port, '/', token);
        expect(page.status).toBe(200);
        expect(page.body).toMatch(/<script src="\/assets\/view\.js\?v=[0-9a-f]{12}"/);
        const script = await get(port, '/assets/view.js', token);
        expect(script.type).toBe('text/javascript; charset=utf-8');
        expect(script.body.length).toBeGreaterThan(100);
        expect((await get(port, '/assets/view.css', token)).body.length).toBeGreaterThan(100);
        expect((await get(port, '/api/runs', 'wrong')).status).toBe(401);
        expect(stderr).toContain('no runs yet');
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited).toBe(0);
    },
  );
});
