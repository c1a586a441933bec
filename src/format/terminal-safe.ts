/**
 * Text from a model or a server, made safe to print on a terminal: escape sequences (CSI such as
 * `ESC[2J`, OSC such as `ESC]52` clipboard writes, `ESC]0` titles and `ESC]8` links, DCS / SOS / PM /
 * APC strings, two-byte escapes) are removed whole, and every other C0 / C1 control character, DEL
 * and bidirectional control (U+061C, U+200E/200F, U+202A–202E, U+2066–2069: a line cannot be
 * reordered on screen, Trojan-Source style) is dropped. Newline and tab stay. Files keep the original text: this is only for terminals.
 */

/** A stateful stripper for text that arrives in pieces (a sequence may be split across them). */
export interface TerminalSafeStream {
  /** The safe part of `text`; a sequence still open is held as state (never as text) until it ends. */
  write(text: string): string;
  /** The stream is over (or starts again): forgets any sequence still open. Returns ''. */
  end(): string;
}

type State = 'text' | 'escape' | 'escapeIntermediate' | 'csi' | 'string' | 'stringEscape';

const ESC = 0x1b;
const BEL = 0x07;
/** A CSI longer than this is not one: the stripper gives up and goes back to text. */
const maxCsiLength = 256;
/** An OSC / DCS string still open after this many characters is dropped and text resumes. */
const maxStringLength = 4096;

/** Bidirectional marks, embeddings, overrides and isolates: they reorder what a terminal shows. */
const isBidiControl = (code: number) =>
  code === 0x061c || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** Characters kept as they are: printable text, newline and tab. */
const isPlain = (code: number) => code === 0x0a || code === 0x09 || (code >= 0x20 && code < 0x7f) || (code > 0x9f && !isBidiControl(code));

export function createTerminalSafeStream(): TerminalSafeStream {
  let state: State = 'text';
  let length = 0;
  const enter = (next: State) => {
    state = next;
    length = 0;
  };
  /** Handles one UTF-16 unit in the text state; returns what to print. */
  const inText = (character: string, code: number): string => {
    if (isPlain(code)) return character;
    if (code === ESC) enter('escape');
    else if (code === 0x9b) enter('csi');
    else if (code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) enter('string');
    return '';
  };
  return {
    write(text) {
      let out = '';
      for (let index = 0; index < text.length; index += 1) {
        const character = text[index] as string;
        const code = character.charCodeAt(0);
        switch (state) {
          case 'text':
            out += inText(character, code);
            break;
          case 'escape':
            if (character === '[') enter('csi');
            else if (character === ']' || character === 'P' || character === 'X' || character === '^' || character === '_') enter('string');
            else if (code === ESC) enter('escape');
            else if (code >= 0x20 && code <= 0x2f) enter('escapeIntermediate');
            else if (code >= 0x30 && code <= 0x7e) enter('text');
            else {
              enter('text');
              out += inText(character, code);
            }
            break;
          case 'escapeIntermediate':
            if (code >= 0x20 && code <= 0x2f) break;
            enter('text');
            if (!(code >= 0x30 && code <= 0x7e)) out += inText(character, code);
            break;
          case 'csi':
            length += 1;
            if (code >= 0x20 && code <= 0x3f && length <= maxCsiLength) break;
            if (code >= 0x40 && code <= 0x7e) enter('text');
            else {
              enter('text');
              out += inText(character, code);
            }
            break;
          case 'string':
            length += 1;
            if (code === BEL || code === 0x9c) enter('text');
            else if (code === ESC) state = 'stringEscape';
            else if (length > maxStringLength) enter('text');
            break;
          case 'stringEscape':
            // ST is `ESC \`; any other ESC ends the string and starts a new sequence.
            if (character === '\\') enter('text');
            else {
              enter('escape');
              index -= 1;
            }
            break;
        }
      }
      return out;
    },
    end() {
      enter('text');
      return '';
    },
  };
}

/** `text` without escape sequences and control characters (newline and tab kept). */
export function terminalSafe(text: string): string {
  // Fast path: nothing to strip in the usual article.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  const stream = createTerminalSafeStream();
  return stream.write(text) + stream.end();
}

/** Like terminalSafe, for values that may be null or undefined (error messages, titles). */
export function terminalSafeOrEmpty(text: string | null | undefined): string {
  return text === null || text === undefined ? '' : terminalSafe(text);
}
