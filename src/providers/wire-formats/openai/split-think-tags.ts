/** Answer text and reasoning separated from a piece of `content`. */
export interface SplitPiece {
  text: string;
  reasoning: string;
}

/** Splits streamed content that starts with inline reasoning: pieces in, answer and reasoning out. */
export interface ThinkTagSplitter {
  push(piece: string): SplitPiece;
  finish(): SplitPiece;
}

const open = '<think>';
const close = '</think>';

/**
 * Separates a leading `<think>…</think>` (MiniMax and other reasoning models put it at the start of
 * `content`) from the answer, even when the tags are split across stream chunks. Content that does not
 * start with the tag passes through untouched.
 */
export function createThinkTagSplitter(): ThinkTagSplitter {
  let state: 'start' | 'thinking' | 'answer' = 'start';
  let buffer = '';
  let trimLeading = false;

  const answer = (piece: string): string => {
    if (!trimLeading) return piece;
    const trimmed = piece.replace(/^\s+/, '');
    if (trimmed !== '') trimLeading = false;
    return trimmed;
  };

  const think = (): SplitPiece => {
    const end = buffer.indexOf(close);
    if (end !== -1) {
      const reasoning = buffer.slice(0, end);
      const rest = buffer.slice(end + close.length);
      buffer = '';
      state = 'answer';
      trimLeading = true;
      return { text: answer(rest), reasoning };
    }
    const safe = Math.max(0, buffer.length - (close.length - 1));
    const reasoning = buffer.slice(0, safe);
    buffer = buffer.slice(safe);
    return { text: '', reasoning };
  };

  return {
    push: (piece) => {
      if (state === 'answer') return { text: answer(piece), reasoning: '' };
      buffer += piece;
      if (state === 'thinking') return think();
      const trimmed = buffer.replace(/^\s+/, '');
      if (trimmed.length < open.length && open.startsWith(trimmed)) return { text: '', reasoning: '' };
      if (trimmed.startsWith(open)) {
        state = 'thinking';
        buffer = trimmed.slice(open.length);
        return think();
      }
      state = 'answer';
      const text = buffer;
      buffer = '';
      return { text, reasoning: '' };
    },
    finish: () => {
      const rest = buffer;
      buffer = '';
      if (state === 'thinking') return { text: '', reasoning: rest };
      return { text: state === 'answer' ? answer(rest) : rest, reasoning: '' };
    },
  };
}
