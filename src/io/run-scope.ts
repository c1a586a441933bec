import { AsyncLocalStorage } from 'node:async_hooks';

/** Each scope's outermost value while the process is one run (null: scopes use AsyncLocalStorage only). */
let wholeProcess: Map<object, unknown> | null = null;

/**
 * Called by the CLI's entry point: this process runs one command, so the outermost scope of each kind
 * is a plain variable. AsyncLocalStorage would turn on Node's promise hooks for the whole run, a cost
 * paid by every promise of every call (a batch of 10,000 calls felt it); nested scopes (the `view`
 * server answering each request in its own language) still get one. Returns the undo (for tests,
 * which share a process).
 */
export function scopeWholeProcess(): () => void {
  const values = new Map<object, unknown>();
  wholeProcess = values;
  return () => {
    if (wholeProcess === values) wholeProcess = null;
  };
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
  const identity = {};
  return {
    run: (value, work) => {
      if (wholeProcess && !wholeProcess.has(identity)) {
        wholeProcess.set(identity, value);
        return work();
      }
      storage ??= new AsyncLocalStorage<Value>();
      return storage.run(value, work);
    },
    get: () => storage?.getStore() ?? (wholeProcess?.get(identity) as Value | undefined),
  };
}
