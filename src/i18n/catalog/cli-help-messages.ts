import { defineMessages } from '../define-messages.js';

/** The help: the program's and each command's description, arguments and options, and commander's own words. */
export const cliHelpMessages = defineMessages(
  {
    // the program and its options
    'cli.program.description': 'Run one writing prompt on several LLMs and compare outputs, tokens, latency and cost.',
    'cli.program.topic': 'the article topic (builds the prompt, as the original tool did)',
    'cli.option.models': 'comma-separated provider:model ids or aliases, or "all" (default: $WECHAT_WRITER_MODELS)',
    'cli.option.prompt': 'the brief, a Markdown file ("-" reads stdin)',
    'cli.option.prompts': 'a batch: every .md/.txt file of a directory, or one {"id","prompt","system"} per JSONL line, on every model',
    'cli.option.system': 'system prompt file (default: built-in WeChat article prompt)',
    'cli.option.out': 'directory for the outputs (default: $OUTPUT_DIR, else ./output)',
    'cli.option.json': 'print one JSON document on stdout and nothing else',
    'cli.option.maxTokens': 'maximum output tokens',
    'cli.option.temperature': 'sampling temperature, 0 to 2',
    'cli.option.timeout': 'longest wait for a response to start and between streamed pieces',
    'cli.option.stream': 'stream replies (the default, except for --prompts batches)',
    'cli.option.noStream': 'wait for whole responses instead of streaming',
    'cli.option.retries': 'retries after the first attempt, 0 to 10',
    'cli.option.fallback': 'model that takes over the prompt of a model that still fails after its retries',
    'cli.option.judge': 'after the run, this model scores every output blind (title, opening, structure, phone readability, facts)',
    'cli.option.concurrency': 'how many calls to make at once, 1 to 500',
    'cli.option.config': 'config file (default: ./wechat-writer.config.yaml, else $WECHAT_WRITER_HOME/config.yaml)',
    'cli.option.live': "stream each model's text to the terminal as it is written",
    'cli.option.show': 'after the table: full (every output) or none (default: full for one model on a terminal)',
    'cli.option.showReasoning': "after the table, print each model's reasoning (never saved into the article)",
    'cli.option.cache': 'mark the system prompt and brief for prompt caching (Anthropic cache_control)',
    'cli.option.report': 'also write a report: .html (side by side, charts), .md, .csv or .json',
    'cli.option.noHistory': 'do not record this run in the history (also WECHAT_WRITER_NO_HISTORY=1)',
    'cli.option.debug': 'show stack traces and error causes (keys are still hidden)',
    'cli.option.lang': 'interface language: zh-CN or en (default: $WECHAT_WRITER_LANG, the config, else the locale)',
    'cli.examples': `
Examples:
  # offline, no keys
  $ wechat-writer --models mock:alpha,mock:beta "咖啡店的冬季新品"
  # compare two providers
  $ wechat-writer --models claude,gpt --prompt brief.md
  # one JSON document on stdout
  $ wechat-writer -m openai:gpt-5.6-luna,minimax -p brief.md --json
  # every provider with a key
  $ cat brief.md | wechat-writer -m all -p -
  # pick models and a topic interactively
  $ wechat-writer
  # side-by-side HTML report
  $ wechat-writer -m mock:alpha,mock:beta 周末咖啡 --report out.html
  # plan, draft and review by role
  $ wechat-writer write --config wechat-writer.config.yaml 周末咖啡
  # write .env with your keys (typed hidden)
  $ wechat-writer init
  # list providers and keys
  $ wechat-writer models
  # check every configured key and endpoint
  $ wechat-writer doctor
  # find earlier runs
  $ wechat-writer history --search 咖啡
  # latency, success and cost
  $ wechat-writer stats --by model --since 7d --trend
  # this help in Chinese
  $ wechat-writer --lang zh-CN --help

Exit codes: 0 all models succeeded (a fallback's success counts), 1 at least one failed,
2 usage or configuration error (nothing was called), 130 interrupted (finished results are kept).
A failed --judge only warns: the exit code is the comparison's.`,
    'cli.option.machineJson': 'machine-readable output',
    'cli.doctor.description': 'check every configured provider in parallel: key set, endpoint reachable, key accepted (2 s each)',
    'cli.doctor.config': 'config file whose providers are checked too',
    'cli.doctor.timeout': 'bound of each check in milliseconds (default 2000; raise it behind a slow proxy)',
    'cli.doctor.after': `
Checked: every provider of the config file (a missing key fails its check), and every built-in preset
whose key is set or whose base URL is set by environment (<ID>_BASE_URL; OLLAMA_HOST for Ollama).
Presets with neither are only counted; the offline mock is never checked. Each check asks GET /models,
or makes a 1-token call with the default model where /models answers 404/405, and ends within 2 s
(--timeout to change it).
Exit codes: 0 every check passed, 1 any failed or nothing was configured, 2 usage or config error.`,
    'cli.write.description': 'plan, draft and review an article with a model per role (roles come from the config file)',
    'cli.write.topic': 'the article topic',
    'cli.write.config': 'config file with providers and roles (default: ./wechat-writer.config.yaml)',
    'cli.write.models': 'models for every role the config does not define (instead of roles.default)',
    'cli.write.revise': 'after the review, the writer revises the draft once',
    'cli.write.out': 'directory for the stage files (default: $OUTPUT_DIR, else ./output)',
    'cli.write.json': 'print one JSON document with every stage on stdout',
    'cli.write.maxTokens': 'maximum output tokens, for roles that set none',
    'cli.write.temperature': 'sampling temperature, for roles that set none',
    'cli.write.retries': 'retries after the first attempt, 0 to 10 (default: config retry.retries, else 2)',
    'cli.write.noHistory': 'do not record this run in the history',
    'cli.history.description': 'list recorded runs, newest first',
    'cli.history.limit': 'how many runs (20)',
    'cli.history.model': 'only runs with this model (provider:model) or provider',
    'cli.history.search': 'full-text search over prompts and outputs',
    'cli.historyShow.description': 'show a recorded run again: the table and outputs, JSON, or a report',
    'cli.historyShow.json': 'the run as the JSON report',
    'cli.historyShow.report': 'write a report: .html, .md, .csv or .json',
    'cli.rerun.description': "run a recorded run's prompt and options again, on the same or other models",
    'cli.rerun.models': "other models (default: the run's models)",
    'cli.rerun.out': 'directory for the outputs',
    'cli.rerun.json': 'print one JSON document on stdout',
    'cli.rerun.report': 'also write a report: .html, .md, .csv or .json',
    'cli.rerun.show': 'after the table: full or none',
    'cli.rerun.live': "stream each model's text as it is written",
    'cli.rerun.noHistory': 'do not record the new run',
    'cli.stats.description': 'calls, success rate, latency percentiles, TTFT, tokens and cost from the history',
    'cli.stats.by': 'model, provider or role',
    'cli.stats.since': 'only calls since then: 7d, 24h, 2w, or a date',
    'cli.stats.trend': 'add a per-day series drawn as a small chart',
    // commander's own words
    'cli.help.usage': 'Usage:',
    'cli.help.options': 'Options:',
    'cli.help.commands': 'Commands:',
    'cli.help.arguments': 'Arguments:',
    'cli.help.globalOptions': 'Global Options:',
    'cli.help.optionsPlaceholder': '[options]',
    'cli.help.commandPlaceholder': '[command]',
    'cli.help.default': 'default: {value}',
    'cli.help.helpOption': 'display help for command',
    'cli.help.helpCommand': 'display help for command',
    'cli.help.version': 'output the version number',
    'cli.commander.unknownOption': "error: unknown option '{flag}'",
    'cli.commander.unknownCommand': "error: unknown command '{name}'",
    'cli.commander.missingArgument': "error: missing required argument '{name}'",
    'cli.commander.missingRunId': "error: missing required argument 'runId': give a run's number (`wechat-writer history` lists them)",
    'cli.commander.optionMissingArgument': "error: option '{flag}' argument missing",
    'cli.commander.excessArguments': 'error: too many arguments{forCommand}. Expected {expected} argument(s) but got {received}.',
    'cli.commander.forCommand': " for '{name}'",
    'cli.commander.didYouMean': '(Did you mean {names}?)',
    'cli.commander.or': ' or ',
  },
  {
    'cli.program.description': '把同一个写作提示词交给多个大模型，比较稿件、Token、耗时和费用。',
    'cli.program.topic': '文章主题（用它生成提示词，和原来的工具一样）',
    'cli.option.models': '逗号分隔的 provider:model 模型 ID 或别名，或 "all"（默认：$WECHAT_WRITER_MODELS）',
    'cli.option.prompt': '写作简报，一个 Markdown 文件（"-" 表示从标准输入读取）',
    'cli.option.prompts': '批量运行：目录下每个 .md/.txt 文件，或 JSONL 文件每行一个 {"id","prompt","system"}，在每个模型上运行',
    'cli.option.system': '系统提示词文件（默认：内置的公众号文章提示词）',
    'cli.option.out': '稿件保存目录（默认：$OUTPUT_DIR，否则 ./output）',
    'cli.option.json': '只在标准输出打印一份 JSON，别的都不打印',
    'cli.option.maxTokens': '最多输出多少 Token',
    'cli.option.temperature': '采样温度，0 到 2',
    'cli.option.timeout': '等待回复开始、以及流式片段之间的最长时间（毫秒）',
    'cli.option.stream': '流式接收回复（默认如此，--prompts 批量运行除外）',
    'cli.option.noStream': '等整段回复返回，不用流式',
    'cli.option.retries': '第一次失败后的重试次数，0 到 10',
    'cli.option.fallback': '备用模型：某个模型重试后仍失败时，由它接手同一个提示词',
    'cli.option.judge': '运行结束后，由这个评审模型盲评每篇稿件（标题、开头、结构、手机阅读体验、事实）',
    'cli.option.concurrency': '同时发出几个调用，1 到 500',
    'cli.option.config': '配置文件（默认：./wechat-writer.config.yaml，否则 $WECHAT_WRITER_HOME/config.yaml）',
    'cli.option.live': '边写边把每个模型的文字显示在终端里',
    'cli.option.show': '表格之后显示什么：full（每篇稿件全文）或 none（默认：终端上只有一个模型时为 full）',
    'cli.option.showReasoning': '表格之后打印每个模型的思考过程（不会写进文章）',
    'cli.option.cache': '给系统提示词和写作简报加上提示词缓存标记（Anthropic cache_control）',
    'cli.option.report': '另外写一份报告：.html（并排对比、图表）、.md、.csv 或 .json',
    'cli.option.noHistory': '这次运行不记入历史记录（也可设 WECHAT_WRITER_NO_HISTORY=1）',
    'cli.option.debug': '显示调用栈和错误原因（API 密钥仍然隐藏）',
    'cli.option.lang': '界面语言：zh-CN 或 en（默认：$WECHAT_WRITER_LANG、配置文件，否则按系统区域设置）',
    'cli.examples': `
示例：
  # 离线运行，不需要 API 密钥
  $ wechat-writer --models mock:alpha,mock:beta "咖啡店的冬季新品"
  # 比较两家服务商
  $ wechat-writer --models claude,gpt --prompt brief.md
  # 在标准输出打印一份 JSON
  $ wechat-writer -m openai:gpt-5.6-luna,minimax -p brief.md --json
  # 每个配了 API 密钥的服务商
  $ cat brief.md | wechat-writer -m all -p -
  # 交互式选择模型和主题
  $ wechat-writer
  # 并排对比的 HTML 报告
  $ wechat-writer -m mock:alpha,mock:beta 周末咖啡 --report out.html
  # 按角色写提纲、初稿、审稿
  $ wechat-writer write --config wechat-writer.config.yaml 周末咖啡
  # 填写 API 密钥（输入时不显示），生成 .env
  $ wechat-writer init
  # 列出服务商和 API 密钥状态
  $ wechat-writer models
  # 检查每个已配置的 API 密钥和接口地址
  $ wechat-writer doctor
  # 查找以前的运行
  $ wechat-writer history --search 咖啡
  # 耗时、成功率和费用
  $ wechat-writer stats --by model --since 7d --trend
  # 英文版帮助
  $ wechat-writer --lang en --help

退出码：0 所有模型都成功（备用模型成功也算），1 至少一个失败，
2 用法或配置错误（没有调用任何模型），130 已中断（已完成的结果会保留）。
--judge 评审失败只给出警告：退出码以比较结果为准。`,
    'cli.option.machineJson': '输出机器可读的 JSON',
    'cli.doctor.description': '并行检查每个已配置的服务商：API 密钥是否设置、接口能否连通、密钥是否有效（每项 2 秒）',
    'cli.doctor.config': '配置文件，其中的服务商也一并检查',
    'cli.doctor.timeout': '每项检查的时限，单位毫秒（默认 2000；代理较慢时调大）',
    'cli.doctor.after': `
检查范围：配置文件里的每个服务商（缺少 API 密钥即检查失败），以及每个设置了
API 密钥、或通过环境变量设置了接口地址（<ID>_BASE_URL；Ollama 用 OLLAMA_HOST）
的内置服务商。两者都没有的只计数；离线模拟模型从不检查。每项检查请求
GET /models，/models 返回 404/405 时改用默认模型做一次 1 个 Token 的调用，
2 秒内结束（用 --timeout 修改）。
退出码：0 全部通过，1 有检查失败或什么都没配置，2 用法或配置错误。`,
    'cli.write.description': '按角色分配模型，写提纲、初稿并审稿（角色来自配置文件）',
    'cli.write.topic': '文章主题',
    'cli.write.config': '含服务商和角色的配置文件（默认：./wechat-writer.config.yaml）',
    'cli.write.models': '配置文件没有定义的角色用这些模型（代替 roles.default）',
    'cli.write.revise': '审稿之后，写作模型再修改一次稿件',
    'cli.write.out': '各阶段文件的保存目录（默认：$OUTPUT_DIR，否则 ./output）',
    'cli.write.json': '在标准输出打印一份包含每个阶段的 JSON',
    'cli.write.maxTokens': '最多输出多少 Token，用于没有设置的角色',
    'cli.write.temperature': '采样温度，用于没有设置的角色',
    'cli.write.retries': '第一次失败后的重试次数，0 到 10（默认：配置文件的 retry.retries，否则 2）',
    'cli.write.noHistory': '这次运行不记入历史记录',
    'cli.history.description': '列出记录过的运行，最新的在前',
    'cli.history.limit': '显示多少次运行（20）',
    'cli.history.model': '只看用过这个模型（provider:model）或服务商的运行',
    'cli.history.search': '在提示词和稿件中全文搜索',
    'cli.historyShow.description': '重新显示一次记录过的运行：表格和稿件、JSON 或报告',
    'cli.historyShow.json': '以 JSON 报告输出这次运行',
    'cli.historyShow.report': '写一份报告：.html、.md、.csv 或 .json',
    'cli.rerun.description': '用同样或其他模型，把一次记录过的运行的提示词和选项再运行一遍',
    'cli.rerun.models': '换用其他模型（默认：原来那次运行的模型）',
    'cli.rerun.out': '稿件保存目录',
    'cli.rerun.json': '在标准输出打印一份 JSON',
    'cli.rerun.report': '另外写一份报告：.html、.md、.csv 或 .json',
    'cli.rerun.show': '表格之后显示什么：full 或 none',
    'cli.rerun.live': '边写边显示每个模型的文字',
    'cli.rerun.noHistory': '新的运行不记入历史记录',
    'cli.stats.description': '根据历史记录统计调用次数、成功率、耗时分位数、首字耗时、Token 和费用',
    'cli.stats.by': '按 model（模型）、provider（服务商）或 role（角色）分组',
    'cli.stats.since': '只统计这之后的调用：7d、24h、2w 或一个日期',
    'cli.stats.trend': '加上按天的序列，画成小图',
    'cli.help.usage': '用法：',
    'cli.help.options': '选项：',
    'cli.help.commands': '命令：',
    'cli.help.arguments': '参数：',
    'cli.help.globalOptions': '全局选项：',
    'cli.help.optionsPlaceholder': '[选项]',
    'cli.help.commandPlaceholder': '[命令]',
    'cli.help.default': '默认：{value}',
    'cli.help.helpOption': '显示命令帮助',
    'cli.help.helpCommand': '显示某个命令的帮助',
    'cli.help.version': '显示版本号',
    'cli.commander.unknownOption': "错误：未知选项 '{flag}'",
    'cli.commander.unknownCommand': "错误：未知命令 '{name}'",
    'cli.commander.missingArgument': "错误：缺少必需的参数 '{name}'",
    'cli.commander.missingRunId': "错误：缺少必需的参数 'runId'：请给出运行编号（`wechat-writer history` 会列出）",
    'cli.commander.optionMissingArgument': "错误：选项 '{flag}' 缺少取值",
    'cli.commander.excessArguments': '错误：{forCommand}参数太多，应为 {expected} 个，实际 {received} 个。',
    'cli.commander.forCommand': "命令 '{name}' 的",
    'cli.commander.didYouMean': '（你是不是想用 {names}？）',
    'cli.commander.or': ' 或 ',
  },
);
