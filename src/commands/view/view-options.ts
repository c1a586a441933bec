import { isIP } from 'node:net';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';

/** `wechat-writer view` options as commander gives them. */
export interface ViewCommandOptions {
  port?: string;
  host?: string;
  /** false with --no-open. */
  open?: boolean;
}

/** The options checked: the port asked for (null: the default, or any free one when it is busy). */
export interface ViewSettings {
  port: number | null;
  host: string;
  open: boolean;
}

/** The port tried first when --port is not given. */
export const defaultViewPort = 7788;

const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Checks --port (0–65535) and --host (an IP address or a host name); a bad one is a usage error (exit 2). */
export function parseViewOptions(options: ViewCommandOptions): ViewSettings {
  let port: number | null = null;
  if (options.port !== undefined) {
    const text = options.port.trim();
    port = Number(text);
    if (!/^\d{1,5}$/.test(text) || port > 65535) throw new UsageError(t('viewServer.badPort', { value: options.port }));
  }
  const host = (options.host ?? '127.0.0.1').trim().replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0 && !hostName.test(host)) throw new UsageError(t('viewServer.badHost', { value: options.host ?? '' }));
  return { port, host, open: options.open !== false };
}
