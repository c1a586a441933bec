import type { Env } from '../io/env.js';
import type { TextOutput } from '../io/text-output.js';
import { terminalWidth } from './fit-table.js';

/** A full-screen view: its size, and whole frames drawn over the last one. */
export interface Screen {
  size(): { columns: number; rows: number };
  /** Draws these lines from the top left, replacing what was there (each line must fit the width). */
  draw(lines: readonly string[]): void;
  /** Gives the terminal back as it was (the text before the session reappears). */
  close(): void;
}

const enterAlternate = '\u001b[?1049h\u001b[?25l';
const leaveAlternate = '\u001b[?25h\u001b[?1049l';

/** Terminal rows: `LINES` when set, else the stream's own, else 24. */
export function terminalHeight(output: TextOutput & { rows?: number }, env: Env): number {
  const fromEnv = env.LINES?.trim();
  if (fromEnv && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  if (typeof output.rows === 'number' && Number.isInteger(output.rows) && output.rows > 0) return output.rows;
  return 24;
}

/**
 * The terminal's alternate screen (as `less` uses it): frames are drawn from the top left with the
 * cursor hidden; `close` shows the cursor and the previous screen again. Safe to close twice.
 */
export function terminalScreen(output: TextOutput & { rows?: number }, env: Env): Screen {
  let open = true;
  output.write(enterAlternate);
  return {
    size: () => ({ columns: terminalWidth(output, env), rows: terminalHeight(output, env) }),
    draw: (lines) => {
      // each line clears its rest; the end of the screen is cleared after the last one
      output.write(`\u001b[H${lines.map((line) => `${line}\u001b[K`).join('\r\n')}\u001b[J`);
    },
    close: () => {
      if (!open) return;
      open = false;
      output.write(leaveAlternate);
    },
  };
}
