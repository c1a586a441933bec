/** WeChat answered an API call with a non-zero `errcode`; `errmsg` is already redacted. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** The path called, e.g. `/cgi-bin/draft/add`. */
    readonly endpoint: string,
  ) {
    super(`${endpoint}: errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/**
 * The WeChat API could not be reached (`unreachable`: network, timeout, byte cap, refused redirect),
 * or answered something that is not its JSON or lacks a usable field (`badAnswer`); the text is redacted.
 */
export class WechatTransportError extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: string,
    readonly kind: 'unreachable' | 'badAnswer' = 'unreachable',
  ) {
    super(`${endpoint}: ${reason}`);
    this.name = 'WechatTransportError';
  }
}

/** The errcodes that mean the access token is no longer good: refresh it once and retry. */
export const invalidTokenCodes: ReadonlySet<number> = new Set([40001, 40014, 42001]);
