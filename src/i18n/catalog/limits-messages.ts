import { defineMessages } from '../define-messages.js';

/** Messages of the limits kept before they bite: config problems, hand-overs, pacing, refusals. */
export const limitsMessages = defineMessages(
  {
    'limits.useLine': '{provider} limits used: {text}',
    'limits.config.badLimit': 'must be a positive whole number per min, hour or day, e.g. {key}: 60/min, 1000/hour or 200000/day',
    'limits.tokens': '{amount} tokens/{window}',
    'limits.handOver': '{provider} key {key} of {keys} reached its limit {limit}; key {next} takes over',
    'limits.pacing': '{provider}: every key reached its limit {limit}; waiting {seconds} s for a free slot (until {time})',
    'limits.callRefused':
      '{provider}: every key reached its limit {limit} (kept by wechat-writer, nothing was sent); it frees at {time} local time',
    'limits.plan.heading': 'this run would go past a limit set in the config; nothing was called:{list}',
    'limits.plan.calls':
      '{provider}: this run plans {planned} calls, but {limit} leaves room for {left} more (counted for each of its {keys} key(s)); the next slot frees at {time} local time; fix: {fix}',
    'limits.plan.never': '{provider}: this run plans {planned} calls, more than {limit} allows on its {keys} key(s) together; fix: {fix}',
    'limits.plan.tokens': '{provider}: every key has used up {limit}; it frees at {time} local time; fix: {fix}',
    'limits.plan.fix': 'fewer prompts or models, another key, or a higher {kind} in {config}',
    'limits.logUnavailable': 'warning: limits are counted for this run only: the calls log could not be opened ({reason})',
  },
  {
    'limits.useLine': '{provider} 限额已用：{text}',
    'limits.config.badLimit': '应为每分钟、每小时或每天的正整数，例如 {key}: 60/min、1000/hour 或 200000/day',
    'limits.tokens': '{amount} 个 Token/{window}',
    'limits.handOver': '服务商 {provider} 的第 {key} 个 API 密钥（共 {keys} 个）已达到限额 {limit}，改用第 {next} 个',
    'limits.pacing': '服务商 {provider} 的每个 API 密钥都已达到限额 {limit}；等待 {seconds} 秒，直到 {time} 有空余名额',
    'limits.callRefused':
      '服务商 {provider} 的每个 API 密钥都已达到限额 {limit}（由 wechat-writer 控制，未发送请求）；本地时间 {time} 恢复',
    'limits.plan.heading': '这次运行会超过配置文件中设定的限额，未调用任何模型：{list}',
    'limits.plan.calls':
      '服务商 {provider}：这次运行计划调用 {planned} 次，但限额 {limit} 只剩 {left} 次（按它的 {keys} 个 API 密钥分别计算）；本地时间 {time} 空出下一个名额；解决办法：{fix}',
    'limits.plan.never':
      '服务商 {provider}：这次运行计划调用 {planned} 次，超过了 {keys} 个 API 密钥在限额 {limit} 下的总量；解决办法：{fix}',
    'limits.plan.tokens': '服务商 {provider}：每个 API 密钥都已用完限额 {limit}；本地时间 {time} 恢复；解决办法：{fix}',
    'limits.plan.fix': '减少提示词或模型，换一个 API 密钥，或在 {config} 中调高 {kind}',
    'limits.logUnavailable': '警告：无法打开调用记录（{reason}），限额只按本次运行计算',
  },
);
