import { defineMessages } from '../define-messages.js';

/** Messages of `resume`: continuing an interrupted run. */
export const resumeMessages = defineMessages(
  {
    'resume.description': 'continue an interrupted comparison or batch: call only the cells it has no result for, into the same run',
    'resume.runId': 'the run to continue (see history)',
    'resume.retryFailed': 'also call again the cells that failed',
    'resume.json': 'print the whole run as JSON on stdout',
    'resume.report': "write a report of the whole run: .html, .md, .csv or .json (default: the run's own --report, if it had one)",
    'resume.concurrency': "how many calls to make at once (default: the run's own)",
    'resume.write':
      'run #{runId} is a write run: resume continues comparisons and batches; run it again with `wechat-writer rerun {runId}`',
    'resume.calling': 'resuming run #{runId}: {missing} of {total} calls left to make',
    'resume.nothingLeft': 'run #{runId} has a result for all {total} calls: nothing to call (--retry-failed calls the failed ones again)',
  },
  {
    'resume.description': '继续一次中断的对比或批量运行：只调用还没有结果的部分，记在同一次运行里',
    'resume.runId': '要继续的运行（见 history）',
    'resume.retryFailed': '失败的调用也重新调用',
    'resume.json': '在标准输出打印整次运行的 JSON',
    'resume.report': '为整次运行写一份报告：.html、.md、.csv 或 .json（默认：这次运行自己的 --report）',
    'resume.concurrency': '同时发出几个调用（默认：这次运行自己的设置）',
    'resume.write': '运行 #{runId} 是 write 运行：resume 只继续对比和批量运行；请用 `wechat-writer rerun {runId}` 重新运行',
    'resume.calling': '继续运行 #{runId}：{total} 个调用中还剩 {missing} 个',
    'resume.nothingLeft': '运行 #{runId} 的 {total} 个调用都已有结果，不需要再调用（--retry-failed 会重新调用失败的部分）',
  },
);
