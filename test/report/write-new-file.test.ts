import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNewFile } from '../../src/report/write-new-file.js';

describe('writeNewFile', () => {
  it('never writes over a file that exists: the next free name-N.ext instead', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-new-file-'));
    const target = path.join(directory, '20261127-162903_x_mock-alpha.md');
    expect(writeNewFile(target, 'first')).toBe(target);
    expect(writeNewFile(target, 'second')).toBe(path.join(directory, '20261127-162903_x_mock-alpha-2.md'));
    expect(writeNewFile(target, 'third')).toBe(path.join(directory, '20261127-162903_x_mock-alpha-3.md'));
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(directory).sort()).toHaveLength(3);
    expect(writeNewFile(path.join(directory, '1-planner.input.md'), 'a')).toMatch(/1-planner\.input\.md$/);
    expect(writeNewFile(path.join(directory, '1-planner.input.md'), 'b')).toMatch(/1-planner\.input-2\.md$/);
  });

  it('passes other errors on', () => {
    expect(() => writeNewFile(path.join(os.tmpdir(), 'no-such-directory-4242', 'a.md'), 'x')).toThrow(/ENOENT/);
  });
});
