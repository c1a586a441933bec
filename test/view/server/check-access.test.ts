import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkHost, checkSameOrigin, tokenSource } from '../../../src/view/server/check-access.js';
import { ViewError } from '../../../src/view/server/view-error.js';

const message = (headers: Record<string, string>, method = 'GET') => ({ headers, method }) as unknown as IncomingMessage;
const status = (work: () => unknown) => {
  try {
    work();
    return 200;
  } catch (error) {
    return error instanceof ViewError ? error.status : 500;
  }
};

describe('access checks', () => {
  it('accepts the loopback names on the port, and IP addresses only when bound to every interface', () => {
    const loopback = { token: 't', host: '127.0.0.1', port: 7788 };
    expect(status(() => checkHost(message({ host: '127.0.0.1:7788' }), loopback))).toBe(200);
    expect(status(() => checkHost(message({ host: '192.168.1.5:7788' }), loopback))).toBe(403);
    expect(status(() => checkHost(message({}), loopback))).toBe(403);
    const everywhere = { token: 't', host: '0.0.0.0', port: 7788 };
    expect(status(() => checkHost(message({ host: '192.168.1.5:7788' }), everywhere))).toBe(200);
    expect(status(() => checkHost(message({ host: '[fe80::1]:7788' }), everywhere))).toBe(200);
    expect(status(() => checkHost(message({ host: '192.168.1.5:7789' }), everywhere))).toBe(403);
    expect(status(() => checkHost(message({ host: 'rebind.example:7788' }), everywhere))).toBe(403);
    const ipv6 = { token: 't', host: '::1', port: 9 };
    expect(status(() => checkHost(message({ host: '[::1]:9' }), ipv6))).toBe(200);
  });

  it('finds the token in the URL first, then a Bearer header, then the cookie', () => {
    const rules = { token: 'secret-token', host: '127.0.0.1', port: 1 };
    const url = (query = '') => new URL(`http://x/${query}`);
    expect(tokenSource(message({}), url('?token=secret-token'), rules)).toBe('query');
    expect(tokenSource(message({ authorization: 'bearer secret-token' }), url(), rules)).toBe('bearer');
    expect(tokenSource(message({ cookie: 'a=b; wechat_writer_token=secret-token' }), url(), rules)).toBe('cookie');
    expect(tokenSource(message({ cookie: 'wechat_writer_token=secret-token' }), url('?token=wrong'), rules)).toBeNull();
    expect(tokenSource(message({}), url(), rules)).toBeNull();
  });

  it('lets safe methods through and holds a POST to JSON from this origin', () => {
    const host = '127.0.0.1:5';
    expect(status(() => checkSameOrigin(message({ host }, 'GET')))).toBe(200);
    expect(status(() => checkSameOrigin(message({ host, 'content-type': 'application/json; charset=utf-8' }, 'POST')))).toBe(200);
    expect(status(() => checkSameOrigin(message({ host, 'content-type': 'application/json', origin: `http://${host}` }, 'POST')))).toBe(
      200,
    );
    expect(status(() => checkSameOrigin(message({ host, 'content-type': 'application/json', origin: 'http://127.0.0.1:6' }, 'POST')))).toBe(
      403,
    );
    expect(status(() => checkSameOrigin(message({ host, 'content-type': 'text/plain' }, 'DELETE')))).toBe(403);
  });
});
