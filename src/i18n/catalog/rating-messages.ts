import { defineMessages } from '../define-messages.js';

/** Messages of the leaderboard. */
export const ratingMessages = defineMessages(
  {
    'rating.command.description': 'rank the models from your votes: Bradley–Terry ratings with 95% intervals',
    'rating.option.tag': 'only verdicts on runs or prompts tagged so (repeat it: every tag must match)',
    'rating.option.since': 'only verdicts since then: 7d, 24h, 2w, 30m or a date (2026-11-01)',
    'rating.option.source': 'whose verdicts: human (votes and picks), judge (pairwise judge) or all',
    'rating.option.minVotes': 'comparisons a model needs to be ranked (default {count})',
    'rating.option.json': 'print the leaderboard as JSON',
    'rating.after':
      '\nRatings: Bradley–Terry on an Elo-like scale (mean 1000; 400 points more = odds\n' +
      'of 10 to 1); ties count half a win. The interval is a 95% bootstrap interval\n' +
      'over the votes. Human and judge verdicts are kept apart unless --source all.\n',
    'rating.badSource': 'Unknown --source "{value}": use human, judge or all.',
    'rating.source.human': 'human votes and picks',
    'rating.source.judge': 'pairwise judge verdicts',
    'rating.source.all': 'human and judge verdicts',
    'rating.title': 'Leaderboard: {source}{filters}, {count} comparisons',
    'rating.filter.tags': ', tagged {tags}',
    'rating.filter.since': ', since {time}',
    'rating.header.rank': '#',
    'rating.header.model': 'Model',
    'rating.header.rating': 'Rating',
    'rating.header.interval': '95% CI',
    'rating.header.record': 'W/T/L',
    'rating.header.votes': 'Votes',
    'rating.header.latency': 'p50',
    'rating.header.per1000': '/1k chars',
    'rating.footnote':
      'Bradley–Terry rating, mean 1000 (+400 = odds of 10:1); ties count half a win.\n' +
      'p50: median latency; /1k chars: cost per 1,000 字 (from the history).',
    'rating.tooFew.heading': 'Too few comparisons to rank (fewer than {count}):',
    'rating.tooFew.line': '  {model}: {votes} ({wins}/{ties}/{losses} W/T/L)',
    'rating.noneRanked': 'No model has {count} comparisons yet: vote more, or lower --min-votes.',
    'rating.empty':
      'No {source}{filters} yet. To get some:\n' +
      '  wechat-writer vote                  duel the drafts of the last run, blind\n' +
      '  wechat-writer pick <runId> <model>  record the draft you publish\n' +
      '  --judge <model> --judge-mode pairwise\n' +
      '                                      on a run: a judge compares the drafts\n' +
      '                                      (see its verdicts with --source judge)',
  },
  {
    'rating.command.description': '根据你的投票给模型排名：Bradley–Terry 评分，附 95% 区间',
    'rating.option.tag': '只看带这个标签的运行或提示词的评审结果（可重复，须全部符合）',
    'rating.option.since': '只看此后的评审结果：7d、24h、2w、30m 或日期（2026-11-01）',
    'rating.option.source': '谁的评审结果：human（投票和选稿）、judge（评审模型两两比较）或 all',
    'rating.option.minVotes': '模型进入排名所需的比较次数（默认 {count}）',
    'rating.option.json': '以 JSON 输出排行榜',
    'rating.after':
      '\n评分：Bradley–Terry 模型，换算成类似 Elo 的分数（平均 1000 分，\n' +
      '高 400 分即胜负比 10 比 1），平局各算半场胜利。区间是对投票做\n' +
      'bootstrap 重抽样得到的 95% 区间。人工投票与评审模型的结果分开计算，\n' +
      '除非指定 --source all。\n',
    'rating.badSource': '未知的 --source "{value}"：请用 human、judge 或 all。',
    'rating.source.human': '人工投票和选稿',
    'rating.source.judge': '评审模型的两两比较结果',
    'rating.source.all': '人工和评审模型的评审结果',
    'rating.title': '排行榜：{source}{filters}，共 {count} 次比较',
    'rating.filter.tags': '，标签 {tags}',
    'rating.filter.since': '，自 {time} 起',
    'rating.header.rank': '#',
    'rating.header.model': '模型',
    'rating.header.rating': '评分',
    'rating.header.interval': '95% 区间',
    'rating.header.record': '胜/平/负',
    'rating.header.votes': '比较',
    'rating.header.latency': 'p50 耗时',
    'rating.header.per1000': '千字费用',
    'rating.footnote':
      'Bradley–Terry 评分，平均 1000 分（高 400 分即胜负比 10:1），平局各算半场胜利。\n' +
      'p50 耗时：耗时中位数；千字费用：每 1,000 字的费用（来自历史记录）。',
    'rating.tooFew.heading': '比较次数不足 {count} 次，暂不排名：',
    'rating.tooFew.line': '  {model}：{votes} 次（胜 {wins} / 平 {ties} / 负 {losses}）',
    'rating.noneRanked': '还没有模型达到 {count} 次比较：请继续投票，或调低 --min-votes。',
    'rating.empty':
      '还没有{source}{filters}。可以这样获得：\n' +
      '  wechat-writer vote                  盲选对比上一次运行的稿件\n' +
      '  wechat-writer pick <runId> <model>  记录你选定发布的稿件\n' +
      '  运行时加 --judge <model> --judge-mode pairwise\n' +
      '                                      评审模型两两比较，用 --source judge 查看',
  },
);
