import { defineMessages } from '../define-messages.js';

/**
 * Messages of errors found before or around a provider call: model lookups, endpoints, limits,
 * retries, fallbacks, interruptions, directories. Provider failures are in provider-errors-messages.ts.
 */
export const errorsMessages = defineMessages(
  {
    'errors.interrupted': 'interrupted',
    'errors.registry.unknownModel': 'unknown model "{spec}": {hint}',
    'errors.registry.knownNames':
      'known providers: {providers}; aliases: {aliases}; use provider:model, e.g. openai:gpt-5.6-luna or mock:alpha (list them: wechat-writer models)',
    'errors.registry.modelIdMissing': 'model id missing in "{spec}": write {provider}:<model>, e.g. {provider}:{example}',
    'errors.registry.setVariable': 'set {name}',
    'errors.registry.keyInConfig': 'give providers.{provider} an apiKeyEnv or apiKeys in the config file',
    'errors.registry.noModels': 'no models given: pass --models, e.g. --models mock:alpha,gpt',
    'errors.registry.noneConfigured':
      '--models all found no provider with a key: set e.g. OPENAI_API_KEY or DEEPSEEK_API_KEY (or use --models mock:alpha,mock:beta)',
    'errors.registry.missingKey': 'missing API key: {details}; set it in the environment or in .env (see .env.example)',
    'errors.registry.needsKey': '{model} needs {env}',
    'errors.registry.cannotUse': 'cannot use {problems}',
    'errors.registry.modelProblem': '{model}: {problem}',
    'errors.endpoint.badFormat': '{name} must be openai or anthropic, not "{value}"',
    'errors.endpoint.badRegion': '{name} must be one of {regions}, not "{value}"',
    'errors.endpoint.noRegions': '(none)',
    'errors.endpoint.noBuiltIn': '{provider} has no {format}-format endpoint built in: set {name}',
    'errors.limits.badNumber':
      '{name} must be a whole number of at least 1024, got "{value}": fix it, or unset it for the default ({fallback})',
    'errors.run.temperatureOnly': 'accepts temperature {only} only: --temperature {requested} not sent',
    'errors.run.temperatureRange': 'accepts temperature in {range}: --temperature {requested} sent as {value}',
    'errors.run.cancelled': 'CANCELLED: interrupted before the reply was complete',
    'errors.run.nextKey': '{model}: {type} on key {key} of {keys}; trying key {next}',
    'errors.run.notRetried': '{message} ({reason})',
    'errors.run.serverWaitTooLong': 'the server asked to wait {seconds} s; not waiting that long',
    'errors.run.budgetUsedUp': "the run's retry budget ({seconds} s of waiting) is used up",
    'errors.run.fallbackFailedToo': '{model} failed, then fallback {fallback} failed too: {message}',
    'errors.run.noModel': 'runWithFallbacks needs at least one model',
    'errors.io.notADirectory': 'EEXIST: "{path}" exists and is not a directory',
  },
  {
    'errors.interrupted': '已中断',
    'errors.registry.unknownModel': '未知模型“{spec}”：{hint}',
    'errors.registry.knownNames':
      '已知的服务商：{providers}；别名：{aliases}。解决办法：写成 服务商:模型，例如 openai:gpt-5.6-luna 或 mock:alpha（查看全部：wechat-writer models）',
    'errors.registry.modelIdMissing': '“{spec}”缺少模型 ID。解决办法：写成 {provider}:<模型>，例如 {provider}:{example}',
    'errors.registry.setVariable': '设置 {name}',
    'errors.registry.keyInConfig': '在配置文件里给 providers.{provider} 加上 apiKeyEnv 或 apiKeys',
    'errors.registry.noModels': '没有指定模型。解决办法：用 --models 指定，例如 --models mock:alpha,gpt',
    'errors.registry.noneConfigured':
      '--models all 没有找到任何配置了 API 密钥的服务商。解决办法：设置例如 OPENAI_API_KEY 或 DEEPSEEK_API_KEY（或者用 --models mock:alpha,mock:beta）',
    'errors.registry.missingKey': '缺少 API 密钥：{details}。解决办法：在环境变量或 .env 文件里设置（参考 .env.example）',
    'errors.registry.needsKey': '{model} 需要 {env}',
    'errors.registry.cannotUse': '无法使用：{problems}',
    'errors.registry.modelProblem': '{model} 的配置问题：{problem}',
    'errors.endpoint.badFormat': '{name} 只能是 openai 或 anthropic，不能是“{value}”',
    'errors.endpoint.badRegion': '{name} 必须是 {regions} 之一，不能是“{value}”',
    'errors.endpoint.noRegions': '（无）',
    'errors.endpoint.noBuiltIn': '{provider} 没有内置 {format} 格式的接口地址。解决办法：设置 {name}',
    'errors.limits.badNumber':
      '{name} 必须是不小于 1024 的整数，现在是“{value}”。解决办法：改正它，或删掉这个变量以使用默认值（{fallback}）',
    'errors.run.temperatureOnly': '只接受 temperature {only}：没有发送 --temperature {requested}',
    'errors.run.temperatureRange': '只接受 {range} 范围内的 temperature：--temperature {requested} 按 {value} 发送',
    'errors.run.cancelled': 'CANCELLED：回复完成前已中断',
    'errors.run.nextKey': '{model}：第 {key} 个 API 密钥（共 {keys} 个）遇到 {type}，改用第 {next} 个',
    'errors.run.notRetried': '{message}（不再重试：{reason}）',
    'errors.run.serverWaitTooLong': '服务器要求等待 {seconds} 秒，时间太长，不等了',
    'errors.run.budgetUsedUp': '本次运行的重试等待时间（{seconds} 秒）已用完',
    'errors.run.fallbackFailedToo': '{model} 失败，备用模型 {fallback} 也失败了：{message}',
    'errors.run.noModel': 'runWithFallbacks 至少需要一个模型',
    'errors.io.notADirectory': 'EEXIST：“{path}”已存在，但不是目录',
  },
);
