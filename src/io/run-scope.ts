import { AsyncLocalStorage } from 'node:async_hooks';

let wholeProcess = false;

/**
 * Called by the CLI's entry point: this process runs one command, so the outermost scope of each kind
 * is a plain variable. AsyncLocalStorage would turn on Node's promise hooks for the whole run, a cost
 * paid by every promise of every call (a batch of 10,000 calls felt it); nested scopes (the `view`
 * server answering each request in its own language) still get one.
 */
export function scopeWholeProcess(): void {
  wholeProcess = true;
}

/** A value that the code of one run (and everything it starts) reads without a parameter for it. */
export interface RunScope<Value> {
  /** Runs `work` with `value` as the scope's value. */
  run<Result>(value: Value, work: () => Result): Result;
  /** The value of the run this code belongs to; undefined outside any. */
  get(): Value | undefined;
}

/** A scope over AsyncLocalStorage, created on first use, or over a variable for a whole-process run. */
export function createRunScope<Value>(): RunScope<Value> {
  let storage: AsyncLocalStorage<Value> | undefined;
  let processValue: Value | undefined;
  let processClaimed = false;
  return {
    run: (value, work) => {
      if (wholeProcess && !processClaimed) {
        processClaimed = true;
        processValue = value;
        return work();
      }
      storage ??= new AsyncLocalStorage<Value>();
      return storage.run(value, work);
    },
    get: () => storage?.getStore() ?? processValue,
  };
}
