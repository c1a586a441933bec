import { defineMessages } from '../define-messages.js';

/** Messages of the publish command and the WeChat API. */
export const publishMessages = defineMessages(
  {
    'publish.cli.description': 'create a draft in the WeChat Official Account draft box from a run’s chosen draft',
    'publish.cli.runId': 'the run’s id (see `history`)',
    'publish.cli.model': 'the draft of this model; default: the run’s pick, else its only successful draft',
    'publish.cli.promptId': 'in a batch run, the prompt whose draft to publish',
    'publish.cli.theme': 'the look of the article (see `export --help`)',
    'publish.cli.cover': 'the cover image (JPEG, PNG, GIF or BMP, under 10 MB); default: one generated from the title',
    'publish.cli.author': 'the author shown under the title (at most {limit} characters)',
    'publish.cli.digest': 'the summary shown in chats and the feed (at most {limit} characters); default: the first paragraph',
    'publish.cli.sourceUrl': 'the “Read more” (阅读原文) link',
    'publish.cli.dryRun': 'print the requests it would send (token and secret redacted) and send nothing',
    'publish.cli.after':
      '\nSetup: WECHAT_APPID and WECHAT_APPSECRET (env or .env) come from the WeChat\nadmin console, 设置与开发 → 基本配置 (Settings & Development → Basic\nconfiguration), where this machine’s IP must also be on the IP whitelist\n(IP 白名单). The draft lands in the draft box (草稿箱); publishing it to\nreaders stays in the admin console. --dry-run shows the requests, sends none.\n',
    'publish.credentials.missing':
      '{missing} not set: publishing needs the account’s AppID and AppSecret; copy them from the WeChat admin console (设置与开发 → 基本配置 / Settings & Development → Basic configuration) into .env or the environment as WECHAT_APPID and WECHAT_APPSECRET (or use --dry-run to see the requests without them)',
    'publish.credentials.badBase': 'WECHAT_API_BASE is not an http(s) URL: {value}; unset it to use {fallback}',
    'publish.limit.titleEmpty': 'the draft has no title: start it with a heading (# Title) and publish again',
    'publish.limit.title':
      'the title is {length} characters; WeChat takes at most {limit}: shorten the draft’s first heading and publish again',
    'publish.limit.author': '--author is {length} characters; WeChat takes at most {limit}: shorten it',
    'publish.limit.digest':
      '--digest is {length} characters; WeChat takes at most {limit}: shorten it (without --digest the first paragraph is used, cut to fit)',
    'publish.limit.contentChars':
      'the article is {length} characters of text; WeChat takes fewer than {limit}: shorten it or split it into two articles',
    'publish.limit.contentBytes': 'the article’s HTML is {size}; WeChat takes less than {limit}: shorten it or split it into two articles',
    'publish.limit.sourceUrl': '--source-url must be an http(s) URL of at most {limit} bytes: {url}',
    'publish.image.outside':
      "image {src} is outside the draft's directory and the current directory: copy it beside the draft (or into the current directory) and refer to it there",
    'publish.image.notFound': 'image {src} not found (looked in {places}): fix its path in the draft, or put the file there',
    'publish.image.type': 'image {src} is {type}; WeChat takes only JPEG or PNG in the body: convert it and publish again',
    'publish.image.size': 'image {src} is {size}; WeChat takes body images under {limit}: compress or resize it and publish again',
    'publish.image.download':
      'image {src} could not be downloaded ({reason}): check the address, or save it beside the draft and refer to the file',
    'publish.image.unsupported': 'image {src} is neither a file nor an http(s) address: save it as a file beside the draft and refer to it',
    'publish.cover.notFound': 'the cover {file} was not found: check the path given to --cover',
    'publish.cover.type':
      'the cover {file} is {type}; WeChat takes JPEG, PNG, GIF or BMP: convert it, or leave out --cover to generate one',
    'publish.cover.size': 'the cover {file} is {size}; WeChat takes at most {limit}: compress it, or leave out --cover to generate one',
    'publish.cover.generated': 'generated from the title',
    'publish.using': 'Publishing run #{runId}: {model} ({reason}) · theme {theme}',
    'publish.progress.image': 'Uploaded image {index}/{count}: {src}',
    'publish.progress.cover': 'Uploaded the cover ({source})',
    'publish.done': 'Draft created in the WeChat draft box: media_id {mediaId}',
    'publish.done.next': 'Review and publish it in the admin console: 内容管理 → 草稿箱 (Content → Drafts).',
    'publish.done.recorded': 'Recorded in the history: `wechat-writer history show {runId}` lists it.',
    'publish.done.notRecorded': 'The draft was created, but the history could not record it: {reason}',
    'publish.partial.nothing': 'Nothing was uploaded; no draft was created.',
    'publish.partial.uploaded': 'Already uploaded: {what}; no draft was created.',
    'publish.partial.images': '{count} images',
    'publish.partial.oneImage': '1 image',
    'publish.partial.cover': 'the cover',
    'publish.partial.and': '{first} and {second}',
    'publish.dryRun.heading': 'Dry run: nothing is sent. These are the requests publish would make (token and secret redacted):',
    'publish.dryRun.urlOf': 'the URL uploadimg returns for {src}',
    'publish.dryRun.mediaIdOf': 'the media_id add_material returns for the cover',
    'publish.dryRun.noCredentials': 'Note: {missing} not set; a real publish needs them.',
    'publish.dryRun.end': 'Dry run: no token was requested, nothing was uploaded, no draft was created.',
    'publish.history.heading': 'Published to the WeChat draft box:',
    'publish.history.line': '{time} · {model} · theme {theme} · media_id {mediaId} · {title}',
    'publish.error.transport':
      'could not reach the WeChat API ({endpoint}: {reason}): check the network or the proxy (HTTPS_PROXY), or WECHAT_API_BASE',
    'publish.error.badAnswer':
      "the WeChat API answered {endpoint} with something that is not WeChat's JSON ({reason}): check WECHAT_API_BASE and any proxy in between, then publish again",
    'publish.error.appSecret':
      'WeChat rejected the AppSecret (errcode {code}): copy WECHAT_APPSECRET again from 设置与开发 → 基本配置 (Settings & Development → Basic configuration), or reset it there',
    'publish.error.appId':
      'WeChat does not know this AppID (errcode {code}): check WECHAT_APPID in 设置与开发 → 基本配置 (Settings & Development → Basic configuration)',
    'publish.error.tokenRejected':
      'WeChat rejected the access token even after a refresh (errcode {code} from {endpoint}): check that WECHAT_APPID and WECHAT_APPSECRET belong to the same account, then publish again',
    'publish.error.ipWhitelistAt':
      'this machine’s IP {ip} is not on the account’s IP whitelist (errcode {code}): add it in the WeChat admin console under 设置与开发 → 基本配置 → IP 白名单 (Settings & Development → Basic configuration → IP whitelist), then publish again',
    'publish.error.ipWhitelist':
      'this machine’s IP is not on the account’s IP whitelist (errcode {code}): add it in the WeChat admin console under 设置与开发 → 基本配置 → IP 白名单 (Settings & Development → Basic configuration → IP whitelist), then publish again',
    'publish.error.frequency':
      'WeChat’s call limit was reached (errcode {code} from {endpoint}): wait and publish again (daily quotas reset at midnight Beijing time; 设置与开发 → 接口权限 shows them)',
    'publish.error.invalidMedia':
      'WeChat does not accept the cover’s media_id (errcode {code} from {endpoint}): it must be this account’s permanent material; publish again to upload it anew',
    'publish.error.mediaRejected':
      'WeChat refused an image (errcode {code} from {endpoint}): body images must be JPEG or PNG under 1 MB, the cover JPEG, PNG, GIF or BMP under 10 MB',
    'publish.error.titleTooLong': 'WeChat says the title is too long (errcode {code}): shorten the draft’s first heading and publish again',
    'publish.error.contentTooLong': 'WeChat says the article is too long (errcode {code}): shorten it or split it into two articles',
    'publish.error.digestTooLong': 'WeChat says the digest is too long (errcode {code}): pass a shorter --digest',
    'publish.error.authorTooLong': 'WeChat says the author is too long (errcode {code}): pass a shorter --author',
    'publish.error.unauthorized':
      'this account may not call {endpoint} (errcode {code}, api unauthorized): check 设置与开发 → 接口权限 (Settings & Development → API permissions); the draft box API needs a verified account',
    'publish.error.other': 'WeChat refused {endpoint} with errcode {code}: “{message}”',
  },
  {
    'publish.cli.description': '用运行中选定的稿件，在微信公众号草稿箱里新建一篇草稿',
    'publish.cli.runId': '运行编号（见 `history`）',
    'publish.cli.model': '发布这个模型的稿件；默认：这次运行选定的稿件，否则唯一成功的稿件',
    'publish.cli.promptId': '批量运行中，要发布哪个提示词的稿件',
    'publish.cli.theme': '文章的样式（见 `export --help`）',
    'publish.cli.cover': '封面图（JPEG、PNG、GIF 或 BMP，小于 10 MB）；默认：根据标题生成一张',
    'publish.cli.author': '标题下显示的作者（最多 {limit} 个字）',
    'publish.cli.digest': '在会话和信息流里显示的摘要（最多 {limit} 个字）；默认：第一段',
    'publish.cli.sourceUrl': '“阅读原文”链接',
    'publish.cli.dryRun': '只打印将要发送的请求（Token 和密钥已隐去），什么都不发送',
    'publish.cli.after':
      '\n准备：在微信公众平台“设置与开发 → 基本配置”取得 WECHAT_APPID 和\nWECHAT_APPSECRET（写入环境变量或 .env），\n并把本机 IP 加入同一页的“IP 白名单”。\n草稿会进入草稿箱；正式群发或发布仍在公众平台完成。\n--dry-run 只显示将要发送的请求，不发送。\n',
    'publish.credentials.missing':
      '未设置 {missing}：发布需要公众号的 AppID 和 AppSecret。请从微信公众平台“设置与开发 → 基本配置”复制，以 WECHAT_APPID 和 WECHAT_APPSECRET 写入 .env 或环境变量（或用 --dry-run 先查看请求）',
    'publish.credentials.badBase': 'WECHAT_API_BASE 不是 http(s) 地址：{value}；删除它即使用 {fallback}',
    'publish.limit.titleEmpty': '稿件没有标题：请以标题（# 标题）开头，再发布',
    'publish.limit.title': '标题有 {length} 个字，微信最多 {limit} 个字：请缩短稿件的第一个标题后再发布',
    'publish.limit.author': '--author 有 {length} 个字，微信最多 {limit} 个字：请缩短',
    'publish.limit.digest': '--digest 有 {length} 个字，微信最多 {limit} 个字：请缩短（不加 --digest 时取第一段并截到限制以内）',
    'publish.limit.contentChars': '正文有 {length} 个字符，微信要求少于 {limit}：请删减，或拆成两篇',
    'publish.limit.contentBytes': '正文 HTML 有 {size}，微信要求小于 {limit}：请删减，或拆成两篇',
    'publish.limit.sourceUrl': '--source-url 必须是不超过 {limit} 字节的 http(s) 地址：{url}',
    'publish.image.outside': '图片 {src} 不在稿件所在目录或当前目录里：请把它复制到稿件旁边（或当前目录），再在稿件里引用',
    'publish.image.notFound': '找不到图片 {src}（查找了 {places}）：请修正稿件里的路径，或把文件放到那里',
    'publish.image.type': '图片 {src} 是 {type}；正文图片微信只接受 JPEG 或 PNG：请转换后再发布',
    'publish.image.size': '图片 {src} 有 {size}；正文图片微信要求小于 {limit}：请压缩或缩小后再发布',
    'publish.image.download': '图片 {src} 下载失败（{reason}）：请检查地址，或把它保存到稿件旁边并改为引用文件',
    'publish.image.unsupported': '图片 {src} 既不是文件也不是 http(s) 地址：请保存为稿件旁边的文件并引用它',
    'publish.cover.notFound': '找不到封面 {file}：请检查 --cover 的路径',
    'publish.cover.type': '封面 {file} 是 {type}；微信接受 JPEG、PNG、GIF 或 BMP：请转换，或去掉 --cover 自动生成',
    'publish.cover.size': '封面 {file} 有 {size}；微信最多 {limit}：请压缩，或去掉 --cover 自动生成',
    'publish.cover.generated': '根据标题生成',
    'publish.using': '发布运行 #{runId}：{model}（{reason}）· 样式 {theme}',
    'publish.progress.image': '已上传图片 {index}/{count}：{src}',
    'publish.progress.cover': '已上传封面（{source}）',
    'publish.done': '已在微信草稿箱新建草稿：media_id {mediaId}',
    'publish.done.next': '请到公众平台“内容管理 → 草稿箱”检查并发布。',
    'publish.done.recorded': '已记入历史记录：`wechat-writer history show {runId}` 会列出它。',
    'publish.done.notRecorded': '草稿已新建，但历史记录未能保存这次发布：{reason}',
    'publish.partial.nothing': '什么都没有上传，也没有新建草稿。',
    'publish.partial.uploaded': '已上传：{what}；未新建草稿。',
    'publish.partial.images': '{count} 张图片',
    'publish.partial.oneImage': '1 张图片',
    'publish.partial.cover': '封面',
    'publish.partial.and': '{first}和{second}',
    'publish.dryRun.heading': '试运行：不发送任何请求。以下是 publish 将要发送的请求（Token 和密钥已隐去）：',
    'publish.dryRun.urlOf': 'uploadimg 为 {src} 返回的 URL',
    'publish.dryRun.mediaIdOf': 'add_material 为封面返回的 media_id',
    'publish.dryRun.noCredentials': '注意：未设置 {missing}，正式发布需要它们。',
    'publish.dryRun.end': '试运行：没有获取 Token，没有上传任何文件，也没有新建草稿。',
    'publish.history.heading': '已发布到微信草稿箱：',
    'publish.history.line': '{time} · {model} · 样式 {theme} · media_id {mediaId} · {title}',
    'publish.error.transport': '无法连接微信接口（{endpoint}：{reason}）：请检查网络或代理（HTTPS_PROXY），或 WECHAT_API_BASE',
    'publish.error.badAnswer': '微信接口对 {endpoint} 的回复不是微信的 JSON（{reason}）：请检查 WECHAT_API_BASE 和中间的代理，然后重新发布',
    'publish.error.appSecret':
      '微信不接受这个 AppSecret（errcode {code}）：请从“设置与开发 → 基本配置”重新复制 WECHAT_APPSECRET，或在那里重置',
    'publish.error.appId': '微信不认识这个 AppID（errcode {code}）：请在“设置与开发 → 基本配置”核对 WECHAT_APPID',
    'publish.error.tokenRejected':
      '刷新后微信仍不接受 access token（{endpoint} 返回 errcode {code}）：请确认 WECHAT_APPID 和 WECHAT_APPSECRET 属于同一个公众号，再发布',
    'publish.error.ipWhitelistAt':
      '本机 IP {ip} 不在公众号的 IP 白名单里（errcode {code}）：请在微信公众平台“设置与开发 → 基本配置 → IP 白名单”中添加，再发布',
    'publish.error.ipWhitelist':
      '本机 IP 不在公众号的 IP 白名单里（errcode {code}）：请在微信公众平台“设置与开发 → 基本配置 → IP 白名单”中添加，再发布',
    'publish.error.frequency':
      '已达到微信接口调用次数上限（{endpoint} 返回 errcode {code}）：请稍后再发布（每日额度在北京时间零点重置；“设置与开发 → 接口权限”可查看）',
    'publish.error.invalidMedia':
      '微信不接受封面的 media_id（{endpoint} 返回 errcode {code}）：它必须是本公众号的永久素材；再发布一次会重新上传',
    'publish.error.mediaRejected':
      '微信拒绝了一张图片（{endpoint} 返回 errcode {code}）：正文图片须为小于 1 MB 的 JPEG 或 PNG，封面须为小于 10 MB 的 JPEG、PNG、GIF 或 BMP',
    'publish.error.titleTooLong': '微信提示标题过长（errcode {code}）：请缩短稿件的第一个标题后再发布',
    'publish.error.contentTooLong': '微信提示正文过长（errcode {code}）：请删减，或拆成两篇',
    'publish.error.digestTooLong': '微信提示摘要过长（errcode {code}）：请用 --digest 给一个更短的摘要',
    'publish.error.authorTooLong': '微信提示作者名过长（errcode {code}）：请用 --author 给一个更短的名字',
    'publish.error.unauthorized':
      '这个公众号无权调用 {endpoint}（errcode {code}，api unauthorized）：请查看“设置与开发 → 接口权限”；草稿箱接口需要已认证的公众号',
    'publish.error.other': '微信拒绝了 {endpoint}，errcode {code}：“{message}”',
  },
);
