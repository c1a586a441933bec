import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Prompter } from '../../cli/prompter.js';

/** A brief file path or a topic, as typed at the prompt. */
export type AskedPrompt = { prompt: string } | { topic: string };

const looksLikePath = (value: string) => /\.(md|markdown|txt)$/i.test(value) || value.includes('/') || value.includes('\\');

/** Checks a typed value: a topic is fine, a path must be an existing file. Returns a message to re-ask with. */
export async function validatePromptAnswer(value: string, cwd: string): Promise<true | string> {
  const trimmed = value.trim();
  if (trimmed === '') return 'Type a topic, or the path of a brief file';
  if (!looksLikePath(trimmed)) return true;
  try {
    const info = await stat(path.resolve(cwd, trimmed));
    return info.isFile() ? true : `${trimmed} is not a file`;
  } catch {
    return `No such file: ${trimmed} (type a topic, or the path of an existing .md/.txt file)`;
  }
}

/** Asks for the topic or a brief file, re-asking on a bad path instead of exiting. */
export async function askForPrompt(prompter: Prompter, cwd: string): Promise<AskedPrompt> {
  const answer = (
    await prompter.input({
      message: 'Topic, or path to a brief file:',
      validate: (value) => validatePromptAnswer(value, cwd),
    })
  ).trim();
  return looksLikePath(answer) ? { prompt: answer } : { topic: answer };
}
