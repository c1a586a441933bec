import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { UsageError } from '../../src/errors/usage-error.js';

describe('strategy in the config', () => {
  it('a role (default included) carries its strategy into the settings', () => {
    const settings = parseConfig(
      'roles:\n  default:\n    strategy: round-robin\n    models: [mock:alpha, mock:beta]\n  writer:\n    strategy: fastest\n    models: [mock:alpha, mock:beta]\n  reviewer: [mock:gamma]\n',
      'c.yaml',
      {},
    );
    expect(settings.roles.writer).toEqual({ strategy: 'fastest', models: ['mock:alpha', 'mock:beta'] });
    expect(settings.roles.default?.strategy).toBe('round-robin');
    expect(settings.roles.reviewer?.strategy).toBeUndefined();
  });

  it('an unknown strategy is a problem at its own path, naming the ones there are', () => {
    const parse = () => parseConfig('roles:\n  writer:\n    strategy: quickest\n    models: [mock:alpha]\n', 'c.yaml', {});
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(
      /roles\.writer\.strategy: "quickest" is not allowed: use priority or round-robin or fastest or cheapest or healthiest or preferred/,
    );
  });
});
