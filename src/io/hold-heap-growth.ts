/** How much V8 may grow the old generation past what is alive before it collects again, for a long batch. */
const growingPercent = 100;

/**
 * For a long batch: by default V8 lets the old generation grow to up to 4× what is alive before it
 * collects (cheap collections, lots of memory). Thousands of calls in flight leave a steady stream of
 * short-lived garbage there, so a 10,000-call batch peaked at ~230 MB of RSS with 25–30 MB alive, and
 * the peak rose with the number of calls. At most 2× keeps the peak near the live data, for a few
 * more collections (mostly marked concurrently, on another core). V8 reads the factor each time it
 * sets the next limit, so setting it mid-process takes effect from the next collection.
 */
export function holdHeapGrowth(): void {
  // node:v8 loads only for such a batch
  process.getBuiltinModule('node:v8').setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
