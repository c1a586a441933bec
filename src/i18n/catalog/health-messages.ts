import { defineMessages } from '../define-messages.js';

/** Messages of provider health: rests, unusable keys, the health column. */
export const healthMessages = defineMessages(
  {
    'health.skippedResting': 'skipped {model}: {provider} is resting until {time} after {failures} failures in a row',
    'health.skippedUnusable':
      'skipped {model}: the {provider} key was refused ({type}); a changed key or base URL in the config clears this',
    'health.namedResting':
      'warning: {provider} is resting until {time} after {failures} failures in a row; {model} is called anyway because --models names it',
    'health.namedUnusable': 'warning: the {provider} key was refused ({type}) before; {model} is called anyway because --models names it',
    'health.allResting': 'warning: every model of the chain is resting or unusable; {model} is called anyway',
    'health.corrupted': 'warning: the provider health file {file} could not be read ({reason}); it is ignored and will be rewritten',
    'health.cannotWrite': 'warning: provider health could not be saved to {file} ({reason})',
    'health.ok': 'ok',
    'health.resting': 'resting until {time}',
    'health.unusable': 'key unusable ({type})',
    'health.successRate': '{rate}% ok of the last {calls} calls',
    'health.head': 'Health',
  },
  {
    'health.skippedResting': '已跳过 {model}：服务商 {provider} 连续失败 {failures} 次，休息到 {time}',
    'health.skippedUnusable': '已跳过 {model}：服务商 {provider} 的 API 密钥被拒绝（{type}）；在配置文件中更换密钥或 base URL 后恢复',
    'health.namedResting': '警告：服务商 {provider} 连续失败 {failures} 次，休息到 {time}；因为 --models 指定了 {model}，仍然调用',
    'health.namedUnusable': '警告：服务商 {provider} 的 API 密钥之前被拒绝（{type}）；因为 --models 指定了 {model}，仍然调用',
    'health.allResting': '警告：这一组模型都在休息或不可用，仍然调用 {model}',
    'health.corrupted': '警告：无法读取服务商健康状态文件 {file}（{reason}），已忽略，稍后会重新写入',
    'health.cannotWrite': '警告：无法把服务商健康状态保存到 {file}（{reason}）',
    'health.ok': '正常',
    'health.resting': '休息到 {time}',
    'health.unusable': 'API 密钥不可用（{type}）',
    'health.successRate': '最近 {calls} 次调用成功 {rate}%',
    'health.head': '健康',
  },
);
