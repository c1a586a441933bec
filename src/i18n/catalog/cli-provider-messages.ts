import { defineMessages } from '../define-messages.js';

/** Messages of the providers run through a local CLI (`type: claude-code`, `type: command`). */
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
    'cliProvider.command.notFound':
      'the command "{command}" was not found (not on PATH, or not executable); install it, or set `command:` in the config file to its path',
    'cliProvider.command.notFoundInstall':
      'the command "{command}" was not found (not on PATH, or not executable); install it with `{install}`, or set `command:` in the config file to its path',
    'cliProvider.command.failed': '{command}: {detail}',
    'cliProvider.command.hint.login': '; fix: run `{command}` once in a terminal and log in',
    'cliProvider.command.ended': '{command} ended ({how}) without saying why',
    'cliProvider.command.noText': '{command} printed no text for the draft (read with `output: {output}`)',
    'cliProvider.command.notJson': '{command} did not print the JSON `output: {output}` expects: {line}',
    'cliProvider.command.cannotStart': 'could not start {command}: {detail}',
    'cliProvider.config.commandNeedsType': '`command` is only read with `type: claude-code` or `type: command`',
    'cliProvider.config.notForCli': '`{key}` does not apply to `type: {type}` (it has no key and no URL)',
    'cliProvider.config.templateNeedsType': '`{key}` is only read with `type: command`',
    'cliProvider.config.commandRequired': '`type: command` needs `command:`, the CLI to run (a name on PATH or a path)',
    'cliProvider.config.textFieldRequired':
      'required with `output: {output}`: where the draft is in the JSON, e.g. `fields: { text: response }`',
    'cliProvider.config.fieldsNeedJson':
      '`fields` is only read with `output: json` or `output: jsonl` (with `output: text`, stdout is the draft)',
    'cliProvider.config.badPath': 'not a dotted path: write keys joined by dots, e.g. `stats.input_tokens` (`*` for every key)',
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
    'cliProvider.command.notFound':
      '找不到命令“{command}”（不在 PATH 上，或不可执行）。解决办法：先安装它，或在配置文件中把 `command:` 设为它的路径',
    'cliProvider.command.notFoundInstall':
      '找不到命令“{command}”（不在 PATH 上，或不可执行）。解决办法：用 `{install}` 安装，或在配置文件中把 `command:` 设为它的路径',
    'cliProvider.command.failed': '{command} 报错：{detail}',
    'cliProvider.command.hint.login': '。解决办法：在终端里运行一次 `{command}` 并登录',
    'cliProvider.command.ended': '{command} 已结束（{how}），没有说明原因',
    'cliProvider.command.noText': '{command} 没有输出可作稿件的文本（按 `output: {output}` 读取）',
    'cliProvider.command.notJson': '{command} 输出的不是 `output: {output}` 需要的 JSON：{line}',
    'cliProvider.command.cannotStart': '无法启动 {command}：{detail}',
    'cliProvider.config.commandNeedsType': '`command` 只在 `type: claude-code` 或 `type: command` 时使用',
    'cliProvider.config.notForCli': '`{key}` 不适用于 `type: {type}`（它没有 API 密钥，也没有 URL）',
    'cliProvider.config.templateNeedsType': '`{key}` 只在 `type: command` 时使用',
    'cliProvider.config.commandRequired': '`type: command` 必须填写 `command:`，即要运行的命令行工具（PATH 上的名字或路径）',
    'cliProvider.config.textFieldRequired': '`output: {output}` 时必须填写：稿件在 JSON 里的位置，例如 `fields: { text: response }`',
    'cliProvider.config.fieldsNeedJson': '`fields` 只在 `output: json` 或 `output: jsonl` 时使用（`output: text` 时标准输出就是稿件）',
    'cliProvider.config.badPath': '不是用点连接的路径：请把键名用点连起来，例如 `stats.input_tokens`（`*` 表示所有键）',
  },
);
