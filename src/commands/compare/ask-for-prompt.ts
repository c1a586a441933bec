import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Prompter } from '../../cli/prompter.js';
import { t } from '../../i18n/translate.js';

/** A brief file path or a topic, as typed at the prompt. */
export type AskedPrompt = { prompt: string } | { topic: string };

/** An answer read as a path: quotes of a drag-and-drop removed, `\ ` unescaped, `~/` expanded. */
interface ReadAnswer {
  text: string;
  /** The answer as a file path. */
  filePath: string;
  /** Quoted, escaped or starting like a path: the user meant a file, so a missing one is an error. */
  meantAsPath: boolean;
}

const briefExtension = /\.(md|markdown|txt)$/i;

/** Reads a typed answer the way a shell would read a pasted or dragged-in path. */
export function readAnswer(value: string, home: string = os.homedir()): ReadAnswer {
  const text = value.trim();
  let filePath = text;
  let marked = false;
  const quoted = /^(['"])(.*)\1$/s.exec(filePath);
  if (quoted) {
    filePath = quoted[2]!;
    marked = true;
  } else if (path.sep === '/' && /\\./.test(filePath)) {
    // `My\ Drive/brief.md`, as terminals write a dropped path with spaces
    filePath = filePath.replace(/\\(.)/g, '$1');
    marked = true;
  }
  if (filePath.startsWith('file://')) {
    filePath = decodeURIComponent(filePath.slice('file://'.length));
    marked = true;
  }
  if (filePath === '~' || filePath.startsWith('~/')) filePath = path.join(home, filePath.slice(1));
  const pathLike = /^(\/|\.\.?\/|~\/)/.test(text.replace(/^['"]/, '')) || briefExtension.test(filePath);
  return { text, filePath, meantAsPath: pathLike || (marked && filePath.includes('/')) };
}

async function isFile(filePath: string, cwd: string): Promise<boolean | 'not a file'> {
  try {
    return (await stat(path.resolve(cwd, filePath))).isFile() || 'not a file';
  } catch {
    return false;
  }
}

/**
 * Checks a typed value: an existing file is a brief; a path-looking value (`./x`, `~/x`, `x.md`, a
 * quoted path) must be an existing file; anything else is a topic, `/` included (`AI/大模型`).
 * Returns a message to re-ask with.
 */
export async function validatePromptAnswer(value: string, cwd: string, home?: string): Promise<true | string> {
  const answer = readAnswer(value, home);
  if (answer.text === '') return t('compare.ask.empty');
  const found = await isFile(answer.filePath, cwd);
  if (found === true || !answer.meantAsPath) return true;
  return found === 'not a file' ? t('compare.ask.notFile', { path: answer.text }) : t('compare.ask.noSuchFile', { path: answer.text });
}

/** Asks for the topic or a brief file, re-asking on a bad path instead of exiting. */
export async function askForPrompt(prompter: Prompter, cwd: string, home?: string): Promise<AskedPrompt> {
  const typed = await prompter.input({
    message: t('compare.ask.question'),
    validate: (value) => validatePromptAnswer(value, cwd, home),
  });
  const answer = readAnswer(typed, home);
  return (await isFile(answer.filePath, cwd)) === true ? { prompt: answer.filePath } : { topic: answer.text };
}
