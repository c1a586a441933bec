/** The criteria every draft is scored on, in the order they are asked for and shown. */
export const rubricKeys = ['title', 'opening', 'structure', 'readability', 'factualCare'] as const;

/** One criterion of the rubric. */
export type RubricKey = (typeof rubricKeys)[number];

/** What one criterion means, in Chinese (what the judge reads first) and English. */
export interface RubricCriterion {
  zh: string;
  en: string;
}

/** The fixed rubric: the same for every run, so scores of different runs compare. */
export const judgeRubric: Readonly<Record<RubricKey, RubricCriterion>> = {
  title: {
    zh: '标题：是否准确、具体、有吸引力，让人想点开，且不做标题党',
    en: 'Title: accurate, specific and inviting to open, without clickbait',
  },
  opening: {
    zh: '开头：前两三句能否迅速抓住读者、点明读者为什么要读下去',
    en: 'Opening hook: the first lines grab the reader and say why to read on',
  },
  structure: {
    zh: '结构：层次清楚，小标题与段落推进有逻辑，结尾有收束或行动号召',
    en: 'Structure: clear progression, useful subheadings, an ending that lands',
  },
  readability: {
    zh: '手机阅读体验：短段落、短句、留白得当，在手机屏幕上读起来不累',
    en: 'Readability on a phone: short paragraphs and sentences, easy on a small screen',
  },
  factualCare: {
    zh: '事实严谨：不编造数据、引语和来源，不确定处有所保留，不夸大',
    en: 'Factual care: no invented figures, quotes or sources; hedges what is uncertain',
  },
};

/** The score range of every criterion. */
export const scoreRange = { min: 1, max: 10 } as const;
