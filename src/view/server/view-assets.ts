import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The page's one script and one stylesheet. */
export interface ViewAssetFiles {
  js: string;
  css: string;
}

/** The assets with their content hash, which pages put in the URL (`?v=`) so browsers may cache them. */
export interface ViewAssets extends ViewAssetFiles {
  version: string;
}

/** Reads the bundled assets from dist/view-assets, next to the chunk this code was built into. */
export async function readBuiltAssets(): Promise<ViewAssetFiles> {
  const [js, css] = await Promise.all(
    ['view.js', 'view.css'].map((name) => readFile(new URL(`./view-assets/${name}`, import.meta.url), 'utf8').catch(() => '')),
  );
  return { js: js ?? '', css: css ?? '' };
}

/** Loads the assets once (on first use) and hashes them. */
export function cachedAssets(load: () => Promise<ViewAssetFiles> | ViewAssetFiles): () => Promise<ViewAssets> {
  let loaded: Promise<ViewAssets> | undefined;
  return () => {
    loaded ??= Promise.resolve(load()).then((files) => ({
      ...files,
      version: createHash('sha256').update(files.js).update('\0').update(files.css).digest('hex').slice(0, 12),
    }));
    return loaded;
  };
}
