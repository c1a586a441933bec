const keyLikePattern = /\b(sk|pk|rk|ak)-[A-Za-z0-9_\-]{8,}/g;

/**
 * Removes the given secrets from a text, and (unless `keyShapes` is false, as for article text)
 * anything shaped like an API key.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = [], options = { keyShapes: true }): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) redacted = redacted.split(secret).join('[redacted]');
  }
  return options.keyShapes ? redacted.replace(keyLikePattern, '[redacted]') : redacted;
}

/** Hides a user name and password embedded in a URL (`https://user:secret@proxy/v1`). */
export function redactUrlCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, '$1***@');
}
