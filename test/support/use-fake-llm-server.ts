import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import { startFakeLlmServer, type FakeLlmServer } from './fake-llm-server.js';

/** Starts one fake server for the file, clearing its requests and replies before each test. */
export function useFakeLlmServer(): () => FakeLlmServer {
  let server: FakeLlmServer | undefined;
  beforeAll(async () => {
    server = await startFakeLlmServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  return () => {
    if (!server) throw new Error('the fake server is not running yet');
    return server;
  };
}

/** Awaits a call expected to fail and returns its ProviderError. */
export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
