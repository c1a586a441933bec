/**
 * A starter wechat-writer.config.yaml for the chosen models (`provider:model`, the first the writer):
 * the writer falls back to the next model, the planner and the reviewer use a second model when there
 * is one (a second opinion), else the same. Keys stay in .env; the file holds none.
 */
export function starterConfig(models: readonly string[], header: string): string {
  const [writer = 'mock:alpha', second] = models;
  const other = second ?? writer;
  const list = (ids: readonly string[]) => `[${ids.join(', ')}]`;
  return `${header
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n')}
roles:
  planner: ${list([other])}
  writer: ${list(models.length > 0 ? models : [writer])}
  reviewer: ${list([other])}
`;
}
