import type { BatchFormat } from './batch-api.js';

/** How one provider's documented batch API is reached through our adapters. */
export interface BatchRoute {
  format: BatchFormat;
  /** OpenAI format: the JSONL lines' `url` and `batches.create`'s `endpoint` (GLM: `/v4/chat/completions`). */
  endpoint: string;
  /** Hosts the batch API is documented for; another host (a proxy, a region without it) is not assumed to have one. */
  hosts: readonly string[];
  /** Most requests one batch may hold, as documented (null: not documented); larger matrices are split. */
  maxRequests: number | null;
  /** The provider refuses `temperature` in batch requests (Kimi): it is left out. */
  omitTemperature?: boolean;
  /** Only these models are documented for batches (else: the provider's batch-capable models, not listed here). */
  models?: readonly string[];
  /** Where this was read (checked 2026-12). */
  sources: readonly string[];
}

/**
 * Why a provider goes through ordinary calls: it documents no batch API (`none`), its batch API is of
 * another shape than the two we speak (`other-format`), it runs locally (`local`), or the base URL is
 * not one the batch API is documented for (`custom-endpoint`).
 */
export type NoBatchReason = 'none' | 'other-format' | 'local' | 'custom-endpoint';

/** A provider's batch API, or why there is none to use. */
export type BatchSupport = { supported: true; route: BatchRoute } | { supported: false; reason: NoBatchReason; sources: readonly string[] };

type Entry = BatchRoute | { none: Exclude<NoBatchReason, 'custom-endpoint'>; sources: readonly string[] };

/**
 * Which built-in providers document a batch API we can use, as data (never guessed: each entry names
 * its sources; a provider with no entry is treated as having none). The OpenAI format is the same
 * file upload + `/batches` flow at every provider listed with it; all bill batch calls at 50% of the
 * ordinary price.
 */
export const batchSupportTable: Readonly<Record<string, Entry>> = {
  openai: {
    format: 'openai',
    endpoint: '/v1/chat/completions',
    hosts: ['api.openai.com'],
    maxRequests: 50_000,
    sources: ['https://platform.openai.com/docs/guides/batch', 'openai-node src/resources/batches.ts, files.ts (6.49)'],
  },
  anthropic: {
    format: 'anthropic',
    endpoint: '/v1/messages/batches',
    hosts: ['api.anthropic.com'],
    maxRequests: 100_000,
    sources: [
      'https://platform.claude.com/docs/en/build-with-claude/batch-processing',
      'anthropic-sdk-typescript src/resources/messages/batches.ts (1.12)',
    ],
  },
  qwen: {
    format: 'openai',
    endpoint: '/v1/chat/completions',
    // Singapore (intl) lists fewer models (qwen-max, qwen-plus, qwen-turbo) than Beijing.
    hosts: ['dashscope.aliyuncs.com', 'dashscope-intl.aliyuncs.com'],
    maxRequests: 50_000,
    sources: ['https://help.aliyun.com/zh/model-studio/batch-interfaces-compatible-with-openai'],
  },
  glm: {
    format: 'openai',
    endpoint: '/v4/chat/completions',
    hosts: ['open.bigmodel.cn'],
    maxRequests: 50_000,
    sources: [
      'https://docs.bigmodel.cn/api-reference/批处理-api/创建批处理任务',
      'https://docs.bigmodel.cn/cn/faq/batch-api-issues (50% price; 50,000 requests, 100 MB)',
    ],
  },
  kimi: {
    format: 'openai',
    endpoint: '/v1/chat/completions',
    hosts: ['api.moonshot.cn', 'api.moonshot.ai'],
    maxRequests: null, // the guide gives 100 MB per file, no request count
    omitTemperature: true,
    models: ['kimi-k2.6', 'kimi-k2.5'],
    sources: ['https://platform.kimi.com/docs/guide/use-batch-api'],
  },
  gemini: {
    format: 'openai',
    endpoint: '/v1/chat/completions',
    hosts: ['generativelanguage.googleapis.com'],
    maxRequests: null,
    sources: ['https://developers.googleblog.com/gemini-batch-api-now-supports-embeddings-and-openai-compatibility (2025-09)'],
  },
  siliconflow: {
    format: 'openai',
    endpoint: '/v1/chat/completions',
    hosts: ['api.siliconflow.cn', 'api.siliconflow.com'],
    maxRequests: 5_000,
    sources: ['https://docs.siliconflow.cn/cn/userguide/guides/batch', 'https://docs.siliconflow.cn/cn/api-reference/batch/create-batch'],
  },
  deepseek: { none: 'none', sources: ['https://api-docs.deepseek.com (no files or batches endpoints)'] },
  minimax: { none: 'none', sources: ['https://platform.minimax.io/docs (no batch endpoint found, 2026-12)'] },
  // Ark's batch inference is a Batch Chat endpoint (ordinary calls to an `ep-bi-…` endpoint) or a job over TOS object storage.
  doubao: { none: 'other-format', sources: ['https://www.volcengine.com/docs/82379/1399518'] },
  // OpenRouter's Batch API takes an inline `requests` array, not an uploaded file.
  openrouter: { none: 'other-format', sources: ['https://openrouter.ai/docs/batch-quickstart'] },
  // Azure needs a Global Batch deployment and its own endpoint path: not assumed for an ordinary deployment.
  azure: { none: 'other-format', sources: ['https://learn.microsoft.com/azure/foundry/reference/rest/batches-create-batch'] },
  ollama: { none: 'local', sources: [] },
  mock: { none: 'local', sources: [] },
};

const hostOf = (baseURL: string): string | null => {
  try {
    return new URL(baseURL).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * Whether a provider's batch API can be used at this base URL: its documented route, or why not (a
 * provider with none, a proxy or region the batch API is not documented for). Pure; the caller says
 * "through ordinary calls" up front for every provider without one.
 */
export function batchSupportFor(provider: string, baseURL: string): BatchSupport {
  const entry = batchSupportTable[provider];
  if (!entry) return { supported: false, reason: 'none', sources: [] };
  if ('none' in entry) return { supported: false, reason: entry.none, sources: entry.sources };
  const host = hostOf(baseURL);
  if (host === null || !entry.hosts.includes(host)) return { supported: false, reason: 'custom-endpoint', sources: entry.sources };
  return { supported: true, route: entry };
}
