/** The wire formats we have adapters for. */
export type WireFormat = 'openai' | 'anthropic' | 'mock';

/** A provider is configuration for an adapter: where it lives, which env vars configure it. */
export interface ProviderDefinition {
  id: string;
  name: string;
  wireFormat: WireFormat;
  /** Short names that resolve to this provider's default model. */
  aliases: readonly string[];
  /** Env vars that may hold the key, first match wins; the first is the one we tell people to set. */
  apiKeyEnvs: readonly string[];
  baseUrlEnvs: readonly string[];
  modelEnvs: readonly string[];
  defaultBaseURL: string | null;
  defaultModel: string;
  /** A few known model ids, offered by the interactive picker. */
  models: readonly string[];
  requiresKey: boolean;
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
}

/** Built-in providers. OpenAI-compatible endpoints are entries here, not new classes. */
export const providerDefinitions: readonly ProviderDefinition[] = [
  {
    id: 'openai',
    name: 'OpenAI (or any OpenAI-compatible endpoint)',
    wireFormat: 'openai',
    aliases: ['gpt'],
    apiKeyEnvs: ['OPENAI_API_KEY'],
    baseUrlEnvs: ['OPENAI_BASE_URL'],
    modelEnvs: ['OPENAI_MODEL'],
    defaultBaseURL: 'https://api.openai.com/v1',
    defaultModel: 'gpt-5.6-luna',
    models: ['gpt-5.6-luna', 'gpt-5.6-terra', 'gpt-5.6-sol'],
    requiresKey: true,
    maxTokensParam: 'max_completion_tokens',
  },
  {
    id: 'anthropic',
    name: 'Anthropic Claude (or an Anthropic-compatible proxy)',
    wireFormat: 'anthropic',
    aliases: ['claude'],
    apiKeyEnvs: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY'],
    baseUrlEnvs: ['ANTHROPIC_BASE_URL', 'CLAUDE_BASE_URL'],
    modelEnvs: ['ANTHROPIC_MODEL', 'CLAUDE_MODEL'],
    defaultBaseURL: 'https://api.anthropic.com',
    defaultModel: 'claude-sonnet-5',
    models: ['claude-sonnet-5', 'claude-haiku-4-5', 'claude-opus-5-5'],
    requiresKey: true,
  },
  {
    id: 'minimax',
    name: 'MiniMax (OpenAI-compatible endpoint)',
    wireFormat: 'openai',
    aliases: [],
    apiKeyEnvs: ['MINIMAX_API_KEY'],
    baseUrlEnvs: ['MINIMAX_BASE_URL'],
    modelEnvs: ['MINIMAX_MODEL'],
    defaultBaseURL: 'https://api.minimax.io/v1',
    defaultModel: 'MiniMax-M2.7',
    models: ['MiniMax-M2.7', 'MiniMax-M3', 'MiniMax-M2.7-highspeed'],
    requiresKey: true,
    maxTokensParam: 'max_completion_tokens',
  },
  {
    id: 'mock',
    name: 'Built-in mock (offline, deterministic)',
    wireFormat: 'mock',
    aliases: [],
    apiKeyEnvs: [],
    baseUrlEnvs: [],
    modelEnvs: [],
    defaultBaseURL: null,
    defaultModel: 'alpha',
    models: ['alpha', 'beta', 'gamma'],
    requiresKey: false,
  },
];
