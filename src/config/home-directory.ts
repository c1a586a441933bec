import os from 'node:os';
import path from 'node:path';
import type { Env } from '../io/env.js';

/**
 * Where the tool keeps its own data: `WECHAT_WRITER_HOME`, else the platform's user data directory
 * (XDG on Linux, Application Support on macOS, AppData on Windows).
 */
export function resolveHomeDirectory(env: Env, platform: NodeJS.Platform = process.platform, homedir: string = os.homedir()): string {
  if (env.WECHAT_WRITER_HOME?.trim()) return path.resolve(env.WECHAT_WRITER_HOME.trim());
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Application Support', 'wechat-writer');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(homedir, 'AppData', 'Local'), 'wechat-writer');
  return path.join(env.XDG_DATA_HOME?.trim() || path.join(homedir, '.local', 'share'), 'wechat-writer');
}
