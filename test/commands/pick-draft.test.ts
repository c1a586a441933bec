import { describe, expect, it } from 'vitest';
import { chosenFileName, findDraft } from '../../src/commands/pick/run-pick.js';
import { defaultVoter } from '../../src/io/default-voter.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { resolveModel } from '../../src/providers/registry.js';
import { okResult } from '../support/model-result-fixture.js';

const gpt = resolveModel('gpt', {}).id;
const drafts = [
  { ...okResult('mock:alpha', 'A'), role: null },
  { ...okResult('mock:beta', null, { status: 'error', usage: emptyUsage() }), role: null },
  { ...okResult('mock:beta', 'B'), role: null },
  { ...okResult(gpt, 'G'), role: null },
  { ...okResult('other:alpha', 'O'), role: null },
];

describe('pick: which draft a model name means', () => {
  it('takes the exact id, an alias, or the unambiguous part after the provider', () => {
    expect(findDraft(drafts, 'mock:alpha', {})?.text).toBe('A');
    expect(findDraft(drafts, 'gpt', {})?.text).toBe('G');
    expect(findDraft(drafts, 'openai', {})?.text).toBe('G');
    expect(findDraft(drafts, gpt.slice(gpt.indexOf(':') + 1), {})?.text).toBe('G');
    // two providers serve an `alpha`: the short name is ambiguous
    expect(findDraft(drafts, 'alpha', {})).toBeUndefined();
    expect(findDraft(drafts, 'mock:zeta', {})).toBeUndefined();
  });

  it('prefers the successful draft of a model that ran twice', () => {
    expect(findDraft(drafts, 'mock:beta', {})?.text).toBe('B');
  });

  it('names the voter after the OS user, else USER or USERNAME', () => {
    expect(defaultVoter({}).length).toBeGreaterThan(0);
  });
});

describe('chosenFileName', () => {
  it('is chosen.md in a directory of its own, after the run prefix in a shared one', () => {
    expect(chosenFileName(['out/t1_mock-a.md', 'out/t2_mock-b.md'], null)).toBe('chosen.md');
    expect(chosenFileName(['out/x/a.md', 'out/x/b.md'], 't1')).toBe('chosen-t1.md');
    expect(chosenFileName(['output/20261202-0618_周末咖啡_mock-alpha.md', 'output/20261202-0618_周末咖啡_mock-beta.md'], null)).toBe(
      '20261202-0618_周末咖啡_chosen.md',
    );
    expect(chosenFileName(['output/only.md'], null)).toBe('chosen.md');
  });
});
