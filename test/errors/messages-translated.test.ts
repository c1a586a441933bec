import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the error catalogue complete: in the code that says what a provider call came to (errors,
 * providers, run, io), no string literal reads as an English sentence. Every such text is a catalogue
 * message looked up with t() when it is produced, so it exists in Chinese too. The few English
 * literals that are no interface text (a prompt sent to a model, the names fetch's own errors carry,
 * which the SDKs and mapSdkError read) are listed below, each with its reason.
 */

const root = path.resolve(import.meta.dirname, '../..');
const scanned = ['src/errors', 'src/providers', 'src/run', 'src/io'];
/** Another helper's area: the mock's article text is content, not interface. */
const skipped = ['src/providers/wire-formats/mock'];

const allowed = new Map<string, string>([
  ['Reply with one word: ok', 'the prompt of a key probe, sent to the model, never shown'],
  ['fetch failed', "fetch's own error text: the SDKs and mapSdkError recognise a connection failure by it"],
  ['fetch failed: unsupported protocol ${}', "fetch's own error text (see above); a programming error"],
  ['fetch failed: redirect to ${}', "fetch's own error text (see above)"],
  ['fetch failed: the server answered with status ${}', "fetch's own error text (see above)"],
  ['fetch: unsupported request body (${})', 'a programming error of a caller, never reached from the CLI'],
  ['fetch: pass a URL and an init object, not a Request', 'a programming error of a caller, never reached from the CLI'],
  ['the response ended early', 'an internal stream error; the user sees the NETWORK message it becomes'],
  ['This operation was aborted', "the platform's AbortError text, as fetch gives it"],
  ['Body is unusable: Body has already been read', "fetch's own TypeError text for a body read twice; a programming error"],
  ['Response.clone: Body has already been consumed.', "fetch's own TypeError text for a clone after a read; a programming error"],
]);

/** Every .ts file under the scanned folders. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (skipped.some((skip) => full.startsWith(path.join(root, skip)))) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** After these characters a `/` starts a regular expression, not a division. */
const beforeRegex = /[(,=:[!&|?{};+\-*%<>~^]$/;

/**
 * The string literals of a TypeScript source, comments and regular expressions skipped; a template
 * literal's `${…}` parts read as `${}`. A small lexer: enough for this code base's style.
 */
function stringLiterals(source: string): string[] {
  const found: string[] = [];
  let index = 0;
  let lastSignificant = '';
  const readQuoted = (quote: string): string => {
    let text = '';
    index += 1;
    while (index < source.length && source[index] !== quote) {
      if (source[index] === '\\') {
        text += source[index + 1];
        index += 2;
        continue;
      }
      if (quote === '`' && source.startsWith('${', index)) {
        let depth = 0;
        for (; index < source.length; index += 1) {
          if (source[index] === '{') depth += 1;
          else if (source[index] === '}' && (depth -= 1) === 0) break;
          else if (source[index] === '`') readQuoted('`');
          else if (source[index] === "'" || source[index] === '"') readQuoted(source[index]!);
        }
        text += '${}';
        index += 1;
        continue;
      }
      text += source[index];
      index += 1;
    }
    index += 1;
    return text;
  };
  while (index < source.length) {
    const char = source[index]!;
    if (source.startsWith('//', index)) {
      index = source.indexOf('\n', index);
      if (index === -1) break;
    } else if (source.startsWith('/*', index)) {
      index = source.indexOf('*/', index) + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      found.push(readQuoted(char));
      lastSignificant = 'x';
    } else if (
      char === '/' &&
      (lastSignificant === '' ||
        beforeRegex.test(lastSignificant) ||
        /\b(return|throw|typeof)$/.test(source.slice(Math.max(0, index - 8), index).trimEnd()))
    ) {
      let inClass = false;
      for (index += 1; index < source.length; index += 1) {
        if (source[index] === '\\') index += 1;
        else if (source[index] === '[') inClass = true;
        else if (source[index] === ']') inClass = false;
        else if (source[index] === '/' && !inClass) break;
      }
      index += 1;
      lastSignificant = 'x';
    } else {
      if (!/\s/.test(char)) lastSignificant = char;
      index += 1;
    }
  }
  return found;
}

/** Whether a literal reads as English prose: three or more words in a row, once names and code are taken out. */
function looksLikeSentence(text: string): boolean {
  const cleaned = text
    .replace(/\$\{\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/--?[a-zA-Z][\w-]*/g, ' ')
    .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, ' ')
    .replace(/\b[\w-]+:[\w.:/<>-]+/g, ' ');
  return /\b[A-Za-z][a-z']*\s+[A-Za-z][a-z']*\s+[A-Za-z][a-z']*\b/.test(cleaned);
}

describe('error, warning and note texts of provider calls', () => {
  const files = scanned.flatMap((folder) => sourceFiles(path.join(root, folder)));

  it('reads the files it guards', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((file) => file.endsWith('map-http-error.ts'))).toBe(true);
  });

  it('are all catalogue messages (t()), not English literals', () => {
    const untranslated = files.flatMap((file) =>
      stringLiterals(readFileSync(file, 'utf8'))
        .filter((literal) => looksLikeSentence(literal) && !allowed.has(literal))
        .map((literal) => `${path.relative(root, file)}: ${literal}`),
    );
    expect(untranslated).toEqual([]);
  });

  it('looks no message up at module top level, where no run (and so no language) is set yet', () => {
    const topLevel = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^(export )?(const|let) [\w{}, ]+(: [^=]+)? = .*\bt\(/.test(line))
        .map((line) => `${path.relative(root, file)}: ${line}`),
    );
    expect(topLevel).toEqual([]);
  });

  it('finds an English sentence where one is written, and only there', () => {
    const source = [
      '// a comment with many English words in it',
      'const pattern = /it\'s "quoted" here/g;',
      'throw new ProviderError({ message: `the call failed after ${count} tries` });',
      "const key = t('errors.provider.sdk.timeout', { ms: 5 });",
      "const header = 'X-Custom-Secret';",
    ].join('\n');
    const sentences = stringLiterals(source).filter(looksLikeSentence);
    expect(sentences).toEqual(['the call failed after ${} tries']);
  });

  it('lists no allowed literal that is gone from the code', () => {
    const all = new Set(files.flatMap((file) => stringLiterals(readFileSync(file, 'utf8'))));
    expect([...allowed.keys()].filter((literal) => !all.has(literal))).toEqual([]);
  });
});
