import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { parsePriceOverrides } from '../../src/cost/price-overrides.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';

const file = 'wechat-writer.config.yaml';

/** The message a config fails with, in `language`. */
function failure(text: string, language: 'en' | 'zh-CN' = 'en'): string {
  try {
    runInLanguage(language, () => parseConfig(text, file, {}));
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('the config file language: key', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['ZH_cn', 'zh-CN'],
    ['en', 'en'],
    ['"en"', 'en'],
  ])('accepts language: %s as %s', (written, language) => {
    expect(parseConfig(`language: ${written}\n`, file, {}).language).toBe(language);
  });

  it('is null when the file does not say', () => {
    expect(parseConfig('concurrency: 2\n', file, {}).language).toBeNull();
  });

  it.each([
    ['fr', 'language: "fr" is not an interface language: use zh-CN or en'],
    ['中文 简体', 'language: "中文 简体" is not an interface language: use zh-CN or en'],
    ['3', 'language: 3 is not an interface language: use zh-CN or en'],
    ['[zh]', 'language: a list is not an interface language: use zh-CN or en'],
  ])('refuses language: %s in one line', (written, line) => {
    const message = failure(`language: ${written}\n`);
    expect(message).toContain('has 1 problem; nothing was called');
    expect(message).toContain(`\n  - ${line}`);
  });

  it('names an unknown top-level key with language among the known ones', () => {
    expect(failure('langauge: zh\n')).toContain('langauge: unknown key: did you mean "language"? remove it or use one of');
  });
});

describe('config problems in Chinese', () => {
  it('says each problem in Chinese, keeping paths, keys and values as written', () => {
    const text = [
      'language: fr',
      'concurrency: 0',
      'providers:',
      '  local:',
      '    type: openai',
      '    baseURL: not-a-url',
      '    apiKeyEnv: sk-123',
      '    modles: [a]',
      'roles:',
      '  writer: [nosuch:x]',
      '',
    ].join('\n');
    const message = failure(text, 'zh-CN');
    expect(message).toContain(`配置文件 ${file} 有 6 处问题，没有调用任何模型：`);
    expect(message).toContain('  - language: "fr" 不是可用的界面语言：请用 zh-CN（中文）或 en（英文）');
    expect(message).toContain('  - concurrency: 必须大于 0，实际为 0');
    expect(message).toContain('  - providers.local.baseURL: 不是网址：请写出带协议的完整地址');
    expect(message).toContain('  - providers.local.apiKeyEnv: 必须是环境变量的名字，例如 LOCAL_KEY（不是 API 密钥本身）');
    expect(message).toContain('  - providers.local.modles: 未知的键：是不是想写 "models"？请删掉它，或改用其中之一：');
    expect(message).toContain('  - roles.writer[0]: "nosuch:x" 用到了未定义的服务商 "nosuch"');
    expect(message).not.toMatch(/must|unknown|expected|required/);
  });

  it('says an unset ${VAR} and bad YAML in Chinese', () => {
    expect(failure('providers:\n  local:\n    type: openai\n    baseURL: ${NOPE}/v1\n', 'zh-CN')).toContain(
      'providers.local.baseURL: ${NOPE} 没有设置（请在环境变量或 .env 里设置 NOPE）',
    );
    expect(failure('providers: [\n', 'zh-CN')).toContain(`配置文件 ${file} 不是有效的 YAML：`);
  });

  it('says a bad price override in Chinese', () => {
    const attempt = () => runInLanguage('zh-CN', () => parsePriceOverrides('{"gpt": {"input": 1}}', 'prices.json'));
    expect(attempt).toThrowError('prices.json 里 "gpt" 的价格必须写成 "provider:model"');
    expect(() => runInLanguage('zh-CN', () => parsePriceOverrides('{', 'WECHAT_WRITER_PRICES'))).toThrowError(
      'WECHAT_WRITER_PRICES 里的价格不是有效的 JSON',
    );
  });
});
