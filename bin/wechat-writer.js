#!/usr/bin/env node
// Thin launcher: answers --version without loading the CLI, then hands over to the bundled build.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  let cli;
  try {
    cli = await import('../dist/cli.js');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
    // dist/ (and so the message catalogue) is missing: the one line is chosen here, as main() would
    const chinese = /^(zh|cn)/i.test(
      args.includes('--lang')
        ? (args[args.indexOf('--lang') + 1] ?? '')
        : process.env.WECHAT_WRITER_LANG || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '',
    );
    process.stderr.write(
      chinese
        ? 'wechat-writer：命令行程序还没有构建：请在源码目录里运行 `npm install`（或 `npm run build`）\n'
        : 'wechat-writer: the CLI is not built yet: run `npm install` (or `npm run build`) in the checkout\n',
    );
    process.exit(2);
  }
  await cli.runCli(args, version);
}
