import { createNodeIO } from './cli/node-io.js';
import { main } from './main.js';

/** Entry point used by bin/: the only place that touches the process. */
export async function runCli(argv: readonly string[], toolVersion: string): Promise<void> {
  const code = await main(argv, createNodeIO(toolVersion));
  process.exitCode = code;
}
