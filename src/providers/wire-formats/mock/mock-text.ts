/** 32-bit FNV-1a hash: a stable seed from any text. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A small seeded random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Openings, section headings and sentences the mock composes its texts from. */
export const mockOpenings = [
  '你有没有发现，真正打动人的文字，往往从一个具体的场景开始。',
  '先说结论：这件事比你想象的更简单，也更值得认真对待。',
  '上周一位读者在后台留言，问了一个让我想了很久的问题。',
  '如果只给你三分钟，你会怎样把这件事讲清楚？',
];
export const mockSections = ['为什么现在要关注它', '三个常见误区', '一个可以马上用的方法', '写给读者的行动清单', '一个真实的小故事'];
export const mockSentences = [
  '把大道理拆成读者每天都会遇到的小场景，阅读的门槛就降下来了。',
  '每一段只讲一件事，手机屏幕上读起来才不累。',
  '数据可以说服人，但故事才能让人记住。',
  '与其追求面面俱到，不如把一个点讲透。',
  '留一个问题给读者，评论区自然就热闹起来。',
  '标题负责让人点开，开头负责让人读下去。',
];
export const mockTitleTails = ['写给忙碌的你', '一篇就够了', '看完就能用', '我的三点思考'];

/** The topic a prompt is about: the text in 「…」, else its first non-empty line, at most 24 characters. */
export function mockTopic(prompt: string): string {
  const quotedTopic = /「(.+?)」/.exec(prompt)?.[1];
  const firstLine = prompt.split('\n').find((line) => line.trim() !== '') ?? '写作';
  const topic = Array.from((quotedTopic ?? firstLine).replace(/^#+\s*/, '').trim())
    .slice(0, 24)
    .join('');
  return topic === '' ? '写作' : topic;
}

/** A plan the article follows: its title and section headings. */
export interface MockOutline {
  title: string;
  sections: string[];
}

/**
 * Builds the deterministic Markdown article a mock model "writes" for a prompt: its own title and
 * sections, or those of `outline` when it writes from one.
 */
export function buildMockArticle(modelName: string, prompt: string, outline?: MockOutline): string {
  const random = seededRandom(hashText(`${modelName}\n${prompt}`));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const title = `${mockTopic(prompt)}：${pick(mockTitleTails)}`;
  const lines = [`# ${outline?.title ?? title}`, ''];
  lines.push(`> 本文由模拟模型 mock:${modelName} 生成，用于离线演示与测试。`, '', pick(mockOpenings), '');
  const sectionCount = 2 + Math.floor(random() * 3);
  const headings = outline?.sections ?? Array.from({ length: sectionCount }, () => '');
  for (const [index, heading] of headings.entries()) {
    const first = pick(mockSentences);
    const second = pick(mockSentences.filter((sentence) => sentence !== first));
    lines.push(`## ${index + 1}. ${heading || pick(mockSections)}`, '', `${first}${second}`, '');
  }
  lines.push(`**你怎么看？欢迎在评论区聊聊。**`);
  return lines.join('\n');
}
