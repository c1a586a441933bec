import { t } from '../i18n/translate.js';

/**
 * An idle timer that runs only while a batch call waits on the server: a results download is read
 * at the caller's pace, and the time the caller spends on each outcome (writing it to disk, to the
 * history) must not count as the server being silent.
 */
export interface PausableTimer {
  readonly signal: AbortSignal;
  /** True once the timer, not the caller, aborted the call. */
  readonly timedOut: boolean;
  /** True once the caller's own signal aborted the call. */
  readonly cancelled: boolean;
  /** Waiting on the server (again): the full `timeoutMs` starts now. */
  resume(): void;
  /** The server answered; the caller has control: the wait stops. */
  pause(): void;
  dispose(): void;
}

/** A paused timer linked to an optional outer signal; `resume` starts the wait. */
export function startPausableTimer(timeoutMs: number, outer?: AbortSignal): PausableTimer {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    get cancelled() {
      return !timedOut && controller.signal.aborted;
    },
    resume() {
      clearTimeout(timer);
      if (controller.signal.aborted) return;
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(t('errors.provider.idle', { ms: timeoutMs })));
      }, timeoutMs);
    },
    pause: () => clearTimeout(timer),
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
