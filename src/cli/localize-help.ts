import { Help, type Command, type HelpConfiguration, type Option } from 'commander';
import { displayWidth as stringWidth } from '../ui/display-width.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';

const titles: Record<string, () => string> = {
  'Usage:': () => t('cli.help.usage'),
  'Options:': () => t('cli.help.options'),
  'Commands:': () => t('cli.help.commands'),
  'Arguments:': () => t('cli.help.arguments'),
  'Global Options:': () => t('cli.help.globalOptions'),
};

const withDefault = (described: string) =>
  currentLanguage() === 'en'
    ? described
    : described.replace(/ ?\(default: (.*)\)$/, (_whole, value: string) => `（${t('cli.help.default', { value })}）`);

const opening = '（“「『《';
const closing = '，。：；！？、）”」』》';
const wide = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
/** One unit the help may break a line after: a word of Latin text, or one CJK character with its punctuation. */
const chunkPattern = new RegExp(`\\s*(?:[${opening}]*(?:[${wide}]|[^\\s${wide}${opening}${closing}]+)[${closing}]*|\\S+)`, 'gu');

/** Commander's wrapping, but Chinese text breaks between characters (it has no spaces) and never before a closing mark. */
function wrapText(text: string, width: number): string {
  if (width < 40) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const chunks = line.match(chunkPattern);
    if (chunks === null) {
      wrapped.push('');
      continue;
    }
    let current = chunks.shift()!;
    for (const chunk of chunks) {
      if (stringWidth(current) + stringWidth(chunk) <= width) {
        current += chunk;
        continue;
      }
      wrapped.push(current);
      current = chunk.trimStart();
    }
    wrapped.push(current);
  }
  return wrapped.join('\n');
}

/**
 * Commander's own words in the help, in the run's language: the headings, `[options]`, the
 * `(default: …)` notes. Everything else of the help is written by us through t().
 */
export function localizedHelp(): HelpConfiguration {
  return {
    styleTitle: (title: string) => titles[title]?.() ?? title,
    // CJK characters take two columns; commander counts one
    displayWidth: (text: string) => stringWidth(text),
    boxWrap: wrapText,
    subcommandTerm: (command: Command) =>
      Help.prototype.subcommandTerm
        .call(new Help(), command)
        .replace('[options]', t('cli.help.optionsPlaceholder'))
        .replace('[command]', t('cli.help.commandPlaceholder')),
    commandUsage: (command: Command) =>
      Help.prototype.commandUsage
        .call(new Help(), command)
        .replace('[options]', t('cli.help.optionsPlaceholder'))
        .replace('[command]', t('cli.help.commandPlaceholder')),
    optionDescription: (option: Option) => withDefault(Help.prototype.optionDescription.call(new Help(), option)),
  };
}

/** Commander's error lines (already in English) in the run's language; unknown ones are kept as they are. */
export function localizeCommanderError(text: string): string {
  // a command that needs a run id and got none: say where run ids come from
  if (/^error: missing required argument 'runId'\n?$/.test(text)) return `${t('cli.commander.missingRunId')}\n`;
  if (currentLanguage() === 'en') return text;
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const rules: [RegExp, (match: RegExpExecArray) => string][] = [
    [/^error: unknown option '(.*)'$/, (m) => t('cli.commander.unknownOption', { flag: m[1]! })],
    [/^error: unknown command '(.*)'$/, (m) => t('cli.commander.unknownCommand', { name: m[1]! })],
    [/^error: missing required argument '(.*)'$/, (m) => t('cli.commander.missingArgument', { name: m[1]! })],
    [/^error: option '(.*)' argument missing$/, (m) => t('cli.commander.optionMissingArgument', { flag: m[1]! })],
    [
      /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      (m) =>
        t('cli.commander.excessArguments', {
          forCommand: m[1] === undefined ? '' : t('cli.commander.forCommand', { name: m[1] }),
          expected: m[2]!,
          received: m[3]!,
        }),
    ],
    [
      /^\(Did you mean (?:one of )?(.*)\?\)$/,
      (m) => t('cli.commander.didYouMean', { names: m[1]!.split(', ').join(t('cli.commander.or')) }),
    ],
  ];
  const translate = (line: string) => {
    for (const [pattern, render] of rules) {
      const match = pattern.exec(line);
      if (match) return render(match);
    }
    return line;
  };
  return `${[first, ...rest].map(translate).join('\n')}\n`;
}
