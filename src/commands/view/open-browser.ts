import { spawn } from 'node:child_process';
import type { Env } from '../../io/env.js';

/** Whether a browser can be opened here: a desktop (macOS, Windows, or X / Wayland), a terminal, not CI. */
export function canOpenBrowser(env: Env, stdoutIsTerminal: boolean, platform: NodeJS.Platform = process.platform): boolean {
  if (!stdoutIsTerminal || env.CI) return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Opens the URL in the default browser (open / start / xdg-open), detached; rejects when that cannot start. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
