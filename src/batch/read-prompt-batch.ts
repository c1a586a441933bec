import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as z from '../config/zod.js';
// only the Chinese locale: `z.locales` would bundle all forty-odd of zod's languages
import zhCN from 'zod/v4/locales/zh-CN.js';
import { UsageError } from '../errors/usage-error.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';
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
  /** The line's `tags` (what kind of writing it is), when it has any. */
  tags?: string[];
}

/** What reading a batch needs, injected for tests. */
export interface BatchDeps {
  cwd: string;
  readTextFile(filePath: string): Promise<string>;
  listDirectory?(directory: string): Promise<string[]>;
}

const lineSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number()]).optional(),
  prompt: z.string().refine((text) => text.trim() !== '', { error: () => t('config.notEmpty') }),
  system: z.string().optional(),
  tags: z.unknown().optional(),
});

/** A line's `tags`: an array of non-empty strings, or absent. */
const tagsSchema = z.array(z.string().refine((tag) => tag.trim() !== '')).optional();

const looksBinary = (text: string) => text.includes('\u0000') || text.includes('\ufffd');

function problemsMessage(source: string, problems: string[]): UsageError {
  const list = problems.map((problem) => `\n  - ${problem}`).join('');
  const key = problems.length === 1 ? 'config.batch.problemsOne' : 'config.batch.problemsMany';
  return new UsageError(t(key, { source, count: problems.length, list }));
}

/** One schema problem of a line, in the run's language (zod's own words for the rare ones). */
function lineProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const key = issue.keys.length === 1 ? 'config.batch.unknownKeysOne' : 'config.batch.unknownKeysMany';
    return `${t(key, { keys })}${t('config.batch.allowedKeys')}`;
  }
  return issue.message;
}

/** Reads `{"id","prompt","system"}` lines; every bad line is reported at once. */
export function parsePromptLines(text: string, source: string): BatchPrompt[] {
  const prompts: BatchPrompt[] = [];
  const problems: string[] = [];
  const zodMessages = currentLanguage() === 'zh-CN' ? { error: zhCN().localeError } : undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = t('config.batch.line', { line: index + 1 });
    if (overBytes(line, maxBriefBytes) !== null) {
      problems.push(t('config.batch.overBrief', { where, limit: mebibytes(maxBriefBytes) }));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(t('config.batch.notJson', { where }));
      return;
    }
    const parsed = lineSchema.safeParse(value, zodMessages);
    const tags = tagsSchema.safeParse(parsed.success ? parsed.data.tags : (value as { tags?: unknown } | null)?.tags);
    if (!tags.success) problems.push(t('verdict.batch.badTags', { line: index + 1 }));
    if (!parsed.success || !tags.success) {
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.');
        const problem = lineProblem(issue);
        problems.push(
          field
            ? t('config.batch.fieldProblem', { line: index + 1, field, problem })
            : t('config.batch.lineProblem', { line: index + 1, problem }),
        );
      }
      return;
    }
    const id = parsed.data.id === undefined ? `line-${index + 1}` : String(parsed.data.id);
    const lineTags = [...new Set((tags.data ?? []).map((tag) => tag.trim()))];
    prompts.push({
      id,
      text: parsed.data.prompt,
      system: parsed.data.system ?? null,
      source: `${source}:${index + 1}`,
      ...(lineTags.length > 0 ? { tags: lineTags } : {}),
    });
  });
  const seen = new Map<string, string>();
  for (const prompt of prompts) {
    const first = seen.get(prompt.id);
    if (first) problems.push(t('config.batch.duplicateId', { source: prompt.source, id: prompt.id, first }));
    else seen.set(prompt.id, prompt.source);
  }
  if (problems.length > 0) throw problemsMessage(source, problems);
  if (prompts.length === 0) throw new UsageError(t('config.batch.noPrompts', { source }));
  return prompts;
}

async function readDirectory(directory: string, shown: string, names: string[], deps: BatchDeps): Promise<BatchPrompt[]> {
  const files = names.filter((name) => /\.(md|txt)$/i.test(name)).sort((a, b) => a.localeCompare(b, 'en'));
  if (files.length === 0) throw new UsageError(t('config.batch.noFiles', { source: shown }));
  const problems: string[] = [];
  const prompts: BatchPrompt[] = [];
  for (const name of files) {
    const text = await deps.readTextFile(path.join(directory, name));
    const source = path.join(shown, name);
    if (looksBinary(text)) problems.push(t('config.batch.binary', { name }));
    else if (overBytes(text, maxBriefBytes) !== null)
      problems.push(t('config.batch.overBrief', { where: name, limit: mebibytes(maxBriefBytes) }));
    else if (text.trim() === '') problems.push(t('config.batch.empty', { name }));
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
    if (code === 'ENOENT') throw new UsageError(t('config.batch.missing', { spec }));
    if (code !== 'ENOTDIR') throw new UsageError(t('config.batch.cannotRead', { spec, code: code ?? (error as Error).message }));
  }
  if (names !== null) return readDirectory(target, spec, names, deps);
  if (!/\.jsonl$/i.test(spec)) throw new UsageError(t('config.batch.isFile', { spec }));
  let text: string;
  try {
    text = await deps.readTextFile(target);
  } catch (error) {
    throw new UsageError(t('config.batch.cannotRead', { spec, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  const bytes = overBytes(text, maxBatchFileBytes);
  if (bytes !== null) {
    throw new UsageError(t('config.batch.tooBig', { spec, size: mebibytes(bytes), limit: mebibytes(maxBatchFileBytes) }));
  }
  return parsePromptLines(text, spec);
}
