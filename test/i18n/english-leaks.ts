/** Words that are the same in a Chinese interface: names, formats, units. */
const sameInBothLanguages = new Set([
  'api',
  'json',
  'jsonl',
  'html',
  'csv',
  'markdown',
  'md',
  'token',
  'tokens',
  'ttft',
  'wechat',
  'ollama',
  'openai',
  'anthropic',
  'claude',
  'gpt',
  'deepseek',
  'qwen',
  'kimi',
  'glm',
  'gemini',
  'minimax',
  'mock',
  'url',
  'http',
  'https',
  'sse',
  'yaml',
  'env',
  'utc',
  'usd',
  'ms',
  'min',
  'id',
  'ok',
  'wechat-writer',
  'key',
  'base',
  'tok',
  's',
]);

/**
 * Runs of three or more English words in `text` once the things that stay English are taken out
 * (paths, URLs, flags, env names, model ids, file names, code in backticks): what a Chinese interface
 * should not show.
 */
export function englishLeaks(text: string): string[] {
  const leaks: string[] = [];
  for (const line of text.split('\n')) {
    const cleaned = line
      .replace(/`[^`]*`/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/(?:[\w.~-]*\/)+[\w.-]*/g, ' ')
      .replace(/--?[a-zA-Z][\w-]*(?:[ =]<[^>]*>)?/g, ' ')
      .replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, ' ')
      .replace(/\b[\w-]+:[\w.:/-]+/g, ' ')
      .replace(/\b[\w-]+\.(?:md|txt|html|csv|json|jsonl|yaml|yml|env)\b/g, ' ')
      .replace(/<[^>]*>|\[[^\]]*\]/g, ' ');
    const words = cleaned.split(/[^A-Za-z'-]+/).filter((word) => word.length > 0);
    let run: string[] = [];
    const flush = () => {
      if (run.length >= 3) leaks.push(`${run.join(' ')}  ←  ${line.trim()}`);
      run = [];
    };
    for (const piece of cleaned.split(/(\s+|[^\sA-Za-z'-])/)) {
      if (/^\s*$/.test(piece)) continue;
      if (/^[A-Za-z][A-Za-z'-]*$/.test(piece) && !sameInBothLanguages.has(piece.toLowerCase())) run.push(piece);
      else flush();
    }
    flush();
    void words;
  }
  return leaks;
}
