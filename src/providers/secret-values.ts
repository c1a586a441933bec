/** A header, query parameter or variable name that says its value is a secret (`X-Api-Key`, `TEAM_SECRET`, `Authorization`). */
export const looksSecretName = (name: string): boolean =>
  /key|secret|token|passw|authori[sz]ation|(?:^|[-_])auth(?:$|[-_])|cookie|session|signature|cred/i.test(name);

const placeholderNames = (template: string) => [...template.matchAll(/\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1] as string);

/** A value and, for `Bearer <token>` / `Basic <token>`, the token alone (a server may echo either). */
const withSchemeless = (value: string) => {
  const token = /^[A-Za-z][\w-]*\s+(\S{4,})$/.exec(value.trim())?.[1];
  return token ? [value, token] : [value];
};

/**
 * The values among filled headers or query parameters that are secrets: those whose name looks like
 * one, or whose template read a variable whose name does (`{TEAM_TOKEN}`). Values such as
 * `X-Team: writers` are not secrets, so an article is never redacted for containing them.
 */
export function secretParameterValues(filled: Record<string, string>, templates: Record<string, string> | undefined): string[] {
  return Object.entries(filled).flatMap(([name, value]) => {
    const template = templates?.[name] ?? '';
    return looksSecretName(name) || placeholderNames(template).some(looksSecretName) ? withSchemeless(value) : [];
  });
}

/** The password of a URL that carries one (`https://user:secret@proxy/v1`). */
export function urlPassword(url: string | null): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
