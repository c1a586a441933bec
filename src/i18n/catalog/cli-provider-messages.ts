import { defineMessages } from '../define-messages.js';

/** Messages of the providers run through a local CLI (`type: claude-code`). */
export const cliProviderMessages = defineMessages(
  {
    'cliProvider.notFound':
      'the command "{command}" was not found (not on PATH, or not executable); install Claude Code with `{install}`, or set `command:` in the config file to its path',
    'cliProvider.failed': 'Claude Code: {detail}',
    'cliProvider.hint.login': '; fix: run `claude` once in a terminal and log in (/login)',
    'cliProvider.hint.quota': '; fix: wait until the subscription limit resets, or use another model',
    'cliProvider.exitCode': 'exit code {code}',
    'cliProvider.exitSignal': 'signal {signal}',
    'cliProvider.noResult': 'Claude Code ended ({how}) without a result event',
    'cliProvider.tooLong': 'the reply is longer than {limit} characters',
    'cliProvider.cannotStart': 'could not start Claude Code: {detail}',
    'cliProvider.notJson': 'Claude Code printed a line that is not stream-json: {line}',
    'cliProvider.config.commandNeedsType': '`command` is only read with `type: claude-code`',
    'cliProvider.config.notForCli': '`{key}` does not apply to `type: claude-code` (it has no key and no URL)',
  },
  {
    'cliProvider.notFound':
      '找不到命令“{command}”（不在 PATH 上，或不可执行）。解决办法：用 `{install}` 安装 Claude Code，或在配置文件中把 `command:` 设为它的路径',
    'cliProvider.failed': 'Claude Code 报错：{detail}',
    'cliProvider.hint.login': '。解决办法：在终端里运行一次 `claude` 并登录（/login）',
    'cliProvider.hint.quota': '。解决办法：等订阅额度重置，或换用其他模型',
    'cliProvider.exitCode': '退出码 {code}',
    'cliProvider.exitSignal': '信号 {signal}',
    'cliProvider.noResult': 'Claude Code 已结束（{how}），但没有输出 result 事件',
    'cliProvider.tooLong': '回复超过 {limit} 个字符',
    'cliProvider.cannotStart': '无法启动 Claude Code：{detail}',
    'cliProvider.notJson': 'Claude Code 输出了一行不是 stream-json 的内容：{line}',
    'cliProvider.config.commandNeedsType': '`command` 只在 `type: claude-code` 时使用',
    'cliProvider.config.notForCli': '`{key}` 不适用于 `type: claude-code`（它没有 API 密钥，也没有 URL）',
  },
);
