/** The issue's example, exactly as written there. */
export const issueExample = `providers:
  local:
    type: openai            # wire format: openai | anthropic
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: LOCAL_KEY    # or apiKeys: [..] / apiKeyEnvs: [..] for rotation
  claude-proxy:
    type: anthropic
    baseURL: \${LOCAL_BASE}
    apiKeyEnv: LOCAL_KEY
roles:
  default: [local:default-model]
  planner: [local:planner-model]
  writer:
    models: [claude-proxy:writer-model, local:writer-backup]   # priority order = fallback order
    temperature: 0.9
    maxTokens: 4000
  reviewer: [local:reviewer-model]
retry:
  retries: 0
`;
