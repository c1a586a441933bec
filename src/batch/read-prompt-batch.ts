import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors/usage-error.js';
import { maxBatchFileBytes, maxBriefBytes, mebibytes, overBytes } from '../plan/brief-limits.js';

/** One prompt of a batch: a file of a directory, or a line of a JSONL file. */
export interface BatchPrompt {
  /** File name without extension, or the line's `id` (else `line-N`); unique within the batch. */
  id: string;
  text: string;
  /** The line's own system prompt, replacing the run's. */
  system: string | null;
  /** `dir/file.md`, or `file.jsonl:12`. */
  source: string;
}

/** What reading a batch needs, injected for tests. */
export interface BatchDeps {
  cwd: string;
  readTextFile(filePath: string): Promise<string>;
  listDirectory?(directory: string): Promise<string[]>;
}

const lineSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number()]).optional(),
  prompt: z.string().refine((text) => text.trim() !== '', 'must not be empty'),
  system: z.string().optional(),
});

const looksBinary = (text: string) => text.includes('\u0000') || text.includes('\ufffd');

function problemsMessage(source: string, problems: string[]): UsageError {
  const list = problems.map((problem) => `\n  - ${problem}`).join('');
  return new UsageError(
    `--prompts ${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was called:${list}`,
  );
}

/** Reads `{"id","prompt","system"}` lines; every bad line is reported at once. */
export function parsePromptLines(text: string, source: string): BatchPrompt[] {
  const prompts: BatchPrompt[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    if (overBytes(line, maxBriefBytes) !== null) {
      problems.push(`${where}: is over the ${mebibytes(maxBriefBytes)} a brief may be`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON (one object per line: {"id": "…", "prompt": "…"})`);
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
        const keys = issue.code === 'unrecognized_keys' ? ` (allowed: id, prompt, system)` : '';
        problems.push(`${where}${field}: ${issue.message}${keys}`);
      }
      return;
    }
    const id = parsed.data.id === undefined ? `line-${index + 1}` : String(parsed.data.id);
    prompts.push({ id, text: parsed.data.prompt, system: parsed.data.system ?? null, source: `${source}:${index + 1}` });
  });
  const seen = new Map<string, string>();
  for (const prompt of prompts) {
    const first = seen.get(prompt.id);
    if (first) problems.push(`${prompt.source}: id "${prompt.id}" is used twice (first at ${first}); ids must be unique`);
    else seen.set(prompt.id, prompt.source);
  }
  if (problems.length > 0) throw problemsMessage(source, problems);
  if (prompts.length === 0)
    throw new UsageError(`--prompts ${source} has no prompts: write one JSON object per line, {"id": "…", "prompt": "…"}`);
  return prompts;
}

async function readDirectory(directory: string, shown: string, names: string[], deps: BatchDeps): Promise<BatchPrompt[]> {
  const files = names.filter((name) => /\.(md|txt)$/i.test(name)).sort((a, b) => a.localeCompare(b, 'en'));
  if (files.length === 0) throw new UsageError(`--prompts ${shown} has no .md or .txt files: put one brief per file there`);
  const problems: string[] = [];
  const prompts: BatchPrompt[] = [];
  for (const name of files) {
    const text = await deps.readTextFile(path.join(directory, name));
    const source = path.join(shown, name);
    if (looksBinary(text)) problems.push(`${name}: looks binary, not UTF-8 text`);
    else if (overBytes(text, maxBriefBytes) !== null) problems.push(`${name}: is over the ${mebibytes(maxBriefBytes)} a brief may be`);
    else if (text.trim() === '') problems.push(`${name}: is empty`);
    else prompts.push({ id: name.replace(/\.(md|txt)$/i, ''), text, system: null, source });
  }
  if (problems.length > 0) throw problemsMessage(shown, problems);
  return prompts;
}

/** Reads `--prompts`: every `.md`/`.txt` file of a directory (by name), or one prompt per JSONL line. */
export async function readPromptBatch(spec: string, deps: BatchDeps): Promise<BatchPrompt[]> {
  const target = path.resolve(deps.cwd, spec);
  const list = deps.listDirectory ?? ((directory: string) => readdir(directory));
  let names: string[] | null = null;
  try {
    names = await list(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--prompts "${spec}" does not exist: give a directory of .md/.txt briefs or a .jsonl file`);
    if (code !== 'ENOTDIR') throw new UsageError(`--prompts "${spec}" cannot be read (${code ?? (error as Error).message})`);
  }
  if (names !== null) return readDirectory(target, spec, names, deps);
  if (!/\.jsonl$/i.test(spec))
    throw new UsageError(`--prompts "${spec}" is a file: give a .jsonl file (one {"prompt": …} per line) or a directory`);
  let text: string;
  try {
    text = await deps.readTextFile(target);
  } catch (error) {
    throw new UsageError(`--prompts "${spec}" cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const bytes = overBytes(text, maxBatchFileBytes);
  if (bytes !== null) {
    throw new UsageError(
      `--prompts "${spec}" is ${mebibytes(bytes)}, over the ${mebibytes(maxBatchFileBytes)} a batch file may be: split it into several files`,
    );
  }
  return parsePromptLines(text, spec);
}
