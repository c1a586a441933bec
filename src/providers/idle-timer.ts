import { t } from '../i18n/translate.js';

/** Aborts a call when nothing arrives for `timeoutMs`, or when the caller's signal aborts. */
export interface IdleTimer {
  readonly signal: AbortSignal;
  /** Something arrived: start the wait again. */
  touch(): void;
  /** True once the timer, not the caller, aborted the call. */
  readonly timedOut: boolean;
  /** True once the caller's own signal aborted the call. */
  readonly cancelled: boolean;
  dispose(): void;
}

/** Starts an idle timer linked to an optional outer signal. */
export function startIdleTimer(timeoutMs: number, outer?: AbortSignal): IdleTimer {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(t('errors.provider.idle', { ms: timeoutMs })));
    }, timeoutMs);
  };
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  arm();
  return {
    signal: controller.signal,
    touch: () => {
      if (!controller.signal.aborted) arm();
    },
    get timedOut() {
      return timedOut;
    },
    get cancelled() {
      return !timedOut && controller.signal.aborted;
    },
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
