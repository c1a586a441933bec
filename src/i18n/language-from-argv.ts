import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveHomeDirectory } from '../config/home-directory.js';
import type { Env } from '../io/env.js';
import { chooseLanguage } from './choose-language.js';
import type { Language } from './language.js';

/** The value of `--name value` or `--name=value` before `--`, if given. */
function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') return undefined;
    for (const name of names) {
      if (argument === name) return argv[index + 1];
      if (argument.startsWith(`${name}=`)) return argument.slice(name.length + 1);
    }
  }
  return undefined;
}

/** The top-level `language:` of a config file, read without parsing the rest (it is validated later). */
function configLanguage(filePath: string): string | undefined {
  try {
    return /^language:[ \t]*["']?([\w-]+)/m.exec(readFileSync(filePath, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The interface language of one invocation, decided before any output (help included): `--lang`,
 * `WECHAT_WRITER_LANG`, the config file's `language` (`--config`, else ./wechat-writer.config.yaml,
 * else the home config), then the locale.
 */
export function languageFromArgv(argv: readonly string[], env: Env, cwd: string): Language {
  const explicitConfig = optionValue(argv, ['--config', '-c']);
  const configFiles = explicitConfig
    ? [path.resolve(cwd, explicitConfig)]
    : [path.join(cwd, 'wechat-writer.config.yaml'), path.join(resolveHomeDirectory(env), 'config.yaml')];
  const fromFlag = optionValue(argv, ['--lang']);
  const explicit = fromFlag ?? env.WECHAT_WRITER_LANG;
  let config: string | undefined;
  if (!explicit?.trim()) {
    for (const file of configFiles) {
      config = configLanguage(file);
      if (config !== undefined) break;
    }
  }
  return chooseLanguage({ flag: fromFlag, env, config });
}
