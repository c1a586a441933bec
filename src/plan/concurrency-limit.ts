/**
 * The most calls a run may make at once (`--concurrency`, config `concurrency`): enough for a large
 * batch against providers that take it, bounded so a typo cannot open thousands of sockets.
 */
export const maxConcurrency = 500;
