interface ErrorChainLink {
  message?: string;
  code?: string;
  cause?: ErrorChainLink;
}

/**
 * Why a connection failed, for an error message: the first system error code along the cause chain
 * (an SDK's connection error wraps fetch's `TypeError: fetch failed`, which wraps `ECONNREFUSED`…),
 * else the message of the error's cause, else its own message.
 */
export function networkFailureReason(error: unknown): string {
  const cause = (error as ErrorChainLink | null)?.cause;
  for (let link = cause; link; link = link.cause) if (link.code) return link.code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
