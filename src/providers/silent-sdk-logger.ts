const drop = (): void => {};

/**
 * The logger both SDK clients get: it drops everything. Left to themselves the SDKs print to the
 * console, e.g. the raw text of a stream chunk they cannot parse, which may carry a key a server
 * echoed; a failure reaches the user as a typed error instead, redacted. `logLevel: 'off'` also
 * keeps `OPENAI_LOG` / `ANTHROPIC_LOG` from turning request logging back on.
 */
export const silentSdkLogging = { logger: { error: drop, warn: drop, info: drop, debug: drop }, logLevel: 'off' } as const;
