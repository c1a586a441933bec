import { defineMessages } from '../define-messages.js';

/** Messages of the credentials check that runs before `write` and `--prompts` batches. */
export const preflightMessages = defineMessages(
  {
    'preflight.option.noCheck': 'skip checking every key and endpoint before a write or a --prompts batch',
    'preflight.heading': 'Checked before calling any model; these failed:',
    'preflight.keyNumber': '{id} (key {number})',
    'preflight.failed':
      '{failed} of {total} checks failed; nothing was called. Fix them as the table says (`wechat-writer doctor` checks again), or skip the check with --no-check',
  },
  {
    'preflight.option.noCheck': '写作（write）或 --prompts 批量运行之前，不检查每个 API 密钥和接口地址',
    'preflight.heading': '调用任何模型之前先做了检查，以下几项未通过：',
    'preflight.keyNumber': '{id}（第 {number} 个密钥）',
    'preflight.failed':
      '{total} 项检查中有 {failed} 项失败，没有调用任何模型。请按表中的解决办法修正（可用 `wechat-writer doctor` 复查），或用 --no-check 跳过检查',
  },
);
