// Import boundaries (`npm run check:boundaries`), after /work/shared/design-notes.md: data flows one way,
// cli → plan → run → providers → result → ui / report / store. `import type` counts like any import.
//
// Parsed with swc (@swc/core): dependency-cruiser's TypeScript parser needs the `typescript` JS API,
// which TypeScript 7 (the native port) does not have. Without swc it would fall back to a JS parser that
// cannot read TypeScript, and the rules below would pass on a graph with edges missing: so no swc, no run.
require.resolve('@swc/core');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'run-and-providers-stay-below',
      comment: 'The runner and the provider adapters know nothing of terminals, files, history or the command line.',
      severity: 'error',
      from: { path: '^src/(run|providers)/' },
      to: { path: '^src/(ui|report|store|cli|commands)/' },
    },
    {
      name: 'providers-below-run',
      comment: 'The runner uses the providers, never the other way round.',
      severity: 'error',
      from: { path: '^src/providers/' },
      to: { path: '^src/run/' },
    },
    {
      name: 'view-only-from-view-command',
      comment: 'The dashboard server and pages load only for `wechat-writer view`: no other command may import them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(view|commands/view)/' },
      to: { path: '^src/view/' },
    },
    {
      name: 'src-not-test',
      comment: 'Shipped code never imports test code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles (type-only ones included): move the shared piece into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import must resolve: an import the checker cannot follow is an edge no rule above can see.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    doNotFollow: { path: 'node_modules' },
    // Packages as Node's ESM loader finds them (some, e.g. https-proxy-agent, have only an `exports` map).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
