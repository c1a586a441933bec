import { t } from '../i18n/translate.js';
import type { ProviderPreset } from './provider-preset.js';

/**
 * Every built-in provider, as data. Model ids and prices change monthly: update them here (prices in USD
 * per 1M tokens, dated by `pricesAsOf`), or override them per user (see the README). A price that is not
 * known is left out, never guessed. A name that says more than a brand is a catalogue message, read
 * (in the run's language) each time it is shown.
 */
export const presetCatalog: readonly ProviderPreset[] = [
  {
    id: 'openai',
    get name() {
      return t('errors.provider.preset.openai');
    },
    aliases: ['gpt'],
    endpoints: { openai: { global: 'https://api.openai.com/v1' } },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'gpt-5.6-luna',
    models: [{ id: 'gpt-5.6-luna', prices: { input: 0.2, output: 1.2, cacheRead: 0.02 } }, { id: 'gpt-5.6-terra' }, { id: 'gpt-5.6-sol' }],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_completion_tokens' },
  },
  {
    id: 'anthropic',
    get name() {
      return t('errors.provider.preset.anthropic');
    },
    aliases: ['claude'],
    endpoints: { anthropic: { global: 'https://api.anthropic.com' } },
    defaultFormat: 'anthropic',
    apiKeyEnvs: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY', 'ANTHROPIC_AUTH_TOKEN'],
    baseUrlEnvs: ['CLAUDE_BASE_URL'],
    modelEnvs: ['CLAUDE_MODEL'],
    requiresKey: true,
    defaultModel: 'claude-sonnet-5',
    // Cache writes cost 1.25× and cache reads 0.1× the input price (Anthropic's published multipliers).
    models: [
      { id: 'claude-sonnet-5', prices: { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 } },
      { id: 'claude-haiku-4-5', prices: { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 } },
      { id: 'claude-opus-5-5', prices: { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.4 } },
    ],
    pricesAsOf: '2026-11',
  },
  {
    id: 'minimax',
    name: 'MiniMax',
    aliases: [],
    endpoints: {
      openai: { global: 'https://api.minimax.io/v1', cn: 'https://api.minimaxi.com/v1' },
      anthropic: { global: 'https://api.minimax.io/anthropic', cn: 'https://api.minimaxi.com/anthropic' },
    },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'MiniMax-M2.7',
    models: [
      { id: 'MiniMax-M2.7', prices: { input: 0.3, output: 1.2, cacheRead: 0.06 } },
      { id: 'MiniMax-M3' },
      { id: 'MiniMax-M2.7-highspeed', prices: { input: 0.6, output: 2.4 } },
    ],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_completion_tokens', temperature: { min: 0, minExclusive: true, max: 1 } },
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    aliases: [],
    endpoints: { openai: { global: 'https://api.deepseek.com' }, anthropic: { global: 'https://api.deepseek.com/anthropic' } },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'deepseek-flash',
    // Off-peak prices; Beijing weekday peak hours (9–12, 14–18) cost double.
    models: [{ id: 'deepseek-flash', prices: { input: 0.15, output: 0.6, cacheRead: 0.003 } }, { id: 'deepseek-v4-pro' }],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'qwen',
    get name() {
      return t('errors.provider.preset.qwen');
    },
    aliases: [],
    endpoints: {
      openai: { cn: 'https://dashscope.aliyuncs.com/compatible-mode/v1', intl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1' },
    },
    defaultFormat: 'openai',
    apiKeyEnvs: ['DASHSCOPE_API_KEY', 'QWEN_API_KEY'],
    requiresKey: true,
    defaultModel: 'qwen3.8-flash',
    // Third-party price listings.
    models: [
      { id: 'qwen3.8-flash', prices: { input: 0.15, output: 0.47 } },
      { id: 'qwen3.8-max', prices: { input: 2, output: 6 } },
      { id: 'qwen-plus' },
    ],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'kimi',
    get name() {
      return t('errors.provider.preset.kimi');
    },
    aliases: [],
    endpoints: {
      openai: { cn: 'https://api.moonshot.cn/v1', global: 'https://api.moonshot.ai/v1' },
      anthropic: { cn: 'https://api.moonshot.cn/anthropic', global: 'https://api.moonshot.ai/anthropic' },
    },
    defaultFormat: 'openai',
    apiKeyEnvs: ['MOONSHOT_API_KEY', 'KIMI_API_KEY'],
    requiresKey: true,
    defaultModel: 'kimi-k2.6',
    models: [{ id: 'kimi-k2.6', prices: { input: 0.95, output: 4 }, temperature: { only: 1 } }, { id: 'kimi-k3' }],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'glm',
    get name() {
      return t('errors.provider.preset.glm');
    },
    aliases: [],
    endpoints: {
      openai: { cn: 'https://open.bigmodel.cn/api/paas/v4', global: 'https://api.z.ai/api/paas/v4' },
      anthropic: { cn: 'https://open.bigmodel.cn/api/anthropic', global: 'https://api.z.ai/api/anthropic' },
    },
    defaultFormat: 'openai',
    apiKeyEnvs: ['ZHIPUAI_API_KEY', 'GLM_API_KEY', 'ZAI_API_KEY'],
    requiresKey: true,
    defaultModel: 'glm-5.3',
    models: [{ id: 'glm-5.3' }, { id: 'glm-5.2' }, { id: 'glm-4.7' }],
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'doubao',
    get name() {
      return t('errors.provider.preset.doubao');
    },
    aliases: [],
    endpoints: { openai: { cn: 'https://ark.cn-beijing.volces.com/api/v3' } },
    defaultFormat: 'openai',
    apiKeyEnvs: ['ARK_API_KEY', 'DOUBAO_API_KEY'],
    requiresKey: true,
    defaultModel: 'doubao-seed-1-8-251228',
    models: [{ id: 'doubao-seed-1-8-251228' }],
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'gemini',
    get name() {
      return t('errors.provider.preset.gemini');
    },
    aliases: [],
    endpoints: { openai: { global: 'https://generativelanguage.googleapis.com/v1beta/openai/' } },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'gemini-3.8-flash',
    // Output prices include thinking; the 3.8-flash price holds until 2026-12-31.
    models: [
      { id: 'gemini-3.8-flash', prices: { input: 0.75, output: 3.75 } },
      { id: 'gemini-3.5-flash' },
      { id: 'gemini-3.1-pro-preview', prices: { input: 2, output: 12 } },
    ],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    aliases: [],
    endpoints: { openai: { global: 'https://openrouter.ai/api/v1' }, anthropic: { global: 'https://openrouter.ai/api' } },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'openai/gpt-5.6-luna',
    // OpenRouter returns each call's cost itself.
    models: [{ id: 'openai/gpt-5.6-luna' }, { id: 'anthropic/claude-sonnet-5' }, { id: 'deepseek/deepseek-flash' }],
    quirks: {
      maxTokensParam: 'max_tokens',
      headers: { 'HTTP-Referer': '{OPENROUTER_HTTP_REFERER}', 'X-OpenRouter-Title': 'wechat-writer' },
    },
  },
  {
    id: 'azure',
    get name() {
      return t('errors.provider.preset.azure');
    },
    aliases: [],
    endpoints: { openai: { global: '{AZURE_OPENAI_ENDPOINT}/openai/v1' } },
    defaultFormat: 'openai',
    apiKeyEnvs: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    requiresKey: true,
    defaultModel: 'gpt-5.6-luna',
    models: [{ id: 'gpt-5.6-luna', prices: { input: 0.2, output: 1.2, cacheRead: 0.02 } }],
    pricesAsOf: '2026-11',
    quirks: { maxTokensParam: 'max_completion_tokens', apiKeyHeader: 'api-key', query: { 'api-version': '{AZURE_OPENAI_API_VERSION}' } },
  },
  {
    id: 'ollama',
    get name() {
      return t('errors.provider.preset.ollama');
    },
    aliases: [],
    endpoints: { openai: { local: 'http://localhost:11434/v1' }, anthropic: { local: 'http://localhost:11434' } },
    defaultFormat: 'openai',
    requiresKey: false,
    defaultModel: 'qwen3:8b',
    models: [
      { id: 'qwen3:8b', prices: { input: 0, output: 0 } },
      { id: 'llama3.3', prices: { input: 0, output: 0 } },
    ],
    quirks: { maxTokensParam: 'max_tokens', hostEnv: { name: 'OLLAMA_HOST', paths: { openai: '/v1', anthropic: '' } } },
  },
  {
    id: 'siliconflow',
    name: 'SiliconFlow',
    aliases: [],
    endpoints: { openai: { cn: 'https://api.siliconflow.cn/v1', global: 'https://api.siliconflow.com/v1' } },
    defaultFormat: 'openai',
    requiresKey: true,
    defaultModel: 'deepseek-ai/DeepSeek-V4-Flash',
    // Priced in CNY per model: not listed here.
    models: [{ id: 'deepseek-ai/DeepSeek-V4-Flash' }],
    quirks: { maxTokensParam: 'max_tokens' },
  },
  {
    id: 'mock',
    get name() {
      return t('errors.provider.preset.mock');
    },
    aliases: [],
    endpoints: {},
    defaultFormat: 'mock',
    apiKeyEnvs: [],
    requiresKey: false,
    defaultModel: 'alpha',
    models: [{ id: 'alpha' }, { id: 'beta' }, { id: 'gamma' }],
  },
];
