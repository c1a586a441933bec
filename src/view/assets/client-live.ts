import { browser, type StreamEvent } from './browser-globals.js';
import { refreshSection } from './client-support.js';

/** How long a run keeps its live mark after its last event. */
const liveMarkMs = 60_000;
const lastSeen = new Map<number, number>();

function markLiveRuns(): void {
  const now = Date.now();
  for (const row of browser.document.querySelectorAll('tr[data-run-id]')) {
    const seen = lastSeen.get(Number(row.dataset.runId));
    const live = seen !== undefined && now - seen < liveMarkMs;
    row.classList.toggle('live', live);
    const badge = row.querySelector('.live-badge');
    if (badge) badge.hidden = !live;
  }
}

function runIdOf(event: StreamEvent): number | null {
  try {
    const data = JSON.parse(event.data) as { runId?: unknown };
    return typeof data.runId === 'number' ? data.runId : null;
  } catch {
    return null;
  }
}

/**
 * Follows the server's event stream on the runs list and on a run's page: a run that appears or
 * changes refreshes the list (and is marked live for a minute); a result of the open run refreshes
 * its metrics and drafts. The live indicator shows while the stream is open.
 */
export function startLive(): void {
  const { document, EventSource } = browser;
  const page = document.body.dataset.page;
  if ((page !== 'runs' && page !== 'run') || EventSource === undefined) return;
  const indicator = document.getElementById('live-indicator');
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => {
    if (indicator) indicator.hidden = false;
  });
  source.addEventListener('error', () => {
    if (indicator) indicator.hidden = source.readyState !== EventSource.OPEN;
  });
  const onChange = (event: StreamEvent) => {
    const runId = runIdOf(event);
    if (runId === null) return;
    if (page === 'runs') {
      lastSeen.set(runId, Date.now());
      void refreshSection('runs-list', markLiveRuns);
    } else if (String(runId) === document.body.dataset.runId) {
      void refreshSection('run-live');
    }
  };
  source.addEventListener('run', onChange);
  source.addEventListener('result', onChange);
  if (page === 'runs') setInterval(markLiveRuns, 5_000);
}
