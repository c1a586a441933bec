import { describe, expect, it } from 'vitest';
import { networkFailureReason } from '../../src/providers/network-failure-reason.js';

const systemError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

describe('networkFailureReason', () => {
  it('names the system error code however deep it sits in the cause chain', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') });
    expect(networkFailureReason(fetchFailed)).toBe('ECONNREFUSED');
    expect(networkFailureReason(new Error('Connection error.', { cause: fetchFailed }))).toBe('ECONNREFUSED');
  });

  it("falls back to the cause's message, then the error's own", () => {
    expect(networkFailureReason(new Error('Connection error.', { cause: new TypeError('terminated') }))).toBe('terminated');
    expect(networkFailureReason(new TypeError('fetch failed: unsupported protocol ftp:'))).toBe('fetch failed: unsupported protocol ftp:');
    expect(networkFailureReason('plain text')).toBe('plain text');
  });
});
