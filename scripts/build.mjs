// Bundles src/ into dist/ with esbuild: one small entry chunk, and the SDKs, ora and each adapter
// in chunks of their own that load only when a run needs them (see bench/ for why).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';

const outdir = new URL('../dist/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
// The message catalogue ships as one JSON file per language (dist/messages/), read when a message of
// that language is first wanted: a run reads and parses its own language (~90 KB of JSON) instead of
// compiling both (~230 KB of code) and merging them, ~10 ms off the start of every command. The
// sources (and the tests, which run them) keep src/i18n/catalog/index.ts as it is.
const { messages } = await import(
  `data:text/javascript;base64,${Buffer.from(
    (
      await build({
        entryPoints: ['src/i18n/catalog/index.ts'],
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
        logLevel: 'warning',
      })
    ).outputFiles[0].text,
  ).toString('base64')}`
);
await mkdir(`${outdir}messages`, { recursive: true });
for (const [language, table] of Object.entries(messages)) await writeFile(`${outdir}messages/${language}.json`, JSON.stringify(table));
const catalogFromJson = {
  name: 'catalog-from-json',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]i18n[\\/]catalog[\\/]index\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        "import { readFileSync } from 'node:fs';",
        'const tables = {};',
        "const read = (language) => (tables[language] ??= JSON.parse(readFileSync(new URL(`./messages/${language}.json`, import.meta.url), 'utf8')));",
        `export const messages = { ${Object.keys(messages)
          .map((language) => `get ${JSON.stringify(language)}() { return read(${JSON.stringify(language)}); }`)
          .join(', ')} };`,
      ].join('\n'),
    }));
  },
};
await build({
  plugins: [catalogFromJson],
  // save-worker: the thread a big batch saves its results in (see src/commands/compare/background-saver.ts)
  entryPoints: { cli: 'src/cli.ts', 'save-worker': 'src/commands/compare/save-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: process.env.WECHAT_WRITER_BUILD_DEBUG ? false : true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  // libsql (the history's SQLite) loads its prebuilt binary (@libsql/<platform>) relative to its own
  // package, so it stays in node_modules: the one runtime dependency.
  external: ['libsql', '@resvg/resvg-js'],
  banner: {
    // Bundled CommonJS dependencies (commander, cli-table3) call require() for Node built-ins.
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
// `wechat-writer view`: the page's one script (TypeScript in src/view/assets, bundled for the browser)
// and its stylesheet, read by the server from dist/view-assets next to its chunk.
const assetsDirectory = new URL('../dist/view-assets/', import.meta.url).pathname;
await build({
  entryPoints: ['src/view/assets/view-client.ts'],
  outfile: `${assetsDirectory}view.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const { copyFile } = await import('node:fs/promises');
await copyFile('src/view/assets/view.css', `${assetsDirectory}view.css`);
