import { describe, expect, it } from 'vitest';
import { createRunScope, scopeWholeProcess } from '../../src/io/run-scope.js';

describe('run scopes', () => {
  it('in a shared process (tests, in-process runs) each run keeps its own value, even two at once', async () => {
    const scope = createRunScope<string>();
    const seen = await Promise.all(
      ['a', 'b'].map((value) =>
        scope.run(value, async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return scope.get();
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(scope.get()).toBeUndefined();
  });

  it('in the CLI’s own process the outermost run is a plain value, and a nested run still its own', async () => {
    // vitest shares this process with other test files (isolate: false): undone before the test ends
    const undo = scopeWholeProcess();
    try {
      const scope = createRunScope<string>();
      const inner = await scope.run('zh-CN', async () => {
        await Promise.resolve();
        expect(scope.get()).toBe('zh-CN');
        return scope.run('en', async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return scope.get();
        });
      });
      expect(inner).toBe('en');
      expect(scope.get()).toBe('zh-CN');
    } finally {
      undo();
    }
    expect(createRunScope<string>().get()).toBeUndefined();
  });
});
