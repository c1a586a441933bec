// The thread a big batch saves its results in (dist/save-worker.js; see background-saver.ts): each
// message is a group of results that finished together, saved by save-group.ts on its own connection
// to the history, one group after another.
import { parentPort, workerData } from 'node:worker_threads';
import { openHistoryStore } from '../../store/history-store.js';
import type { SaveGroup, SaveWorkerData } from './background-saver.js';
import { createGroupSaver } from './save-group.js';

const { home, replace } = workerData as SaveWorkerData;
const port = parentPort;
if (!port) throw new Error('save-worker.js runs as a worker thread');
const saver = createGroupSaver(() => openHistoryStore(home), replace);

let queue = Promise.resolve();
port.on('message', (message: SaveGroup | { close: true }) => {
  queue = queue.then(async () => {
    if ('close' in message) {
      saver.close();
      port.close();
      return;
    }
    port.postMessage(await saver.save(message));
  });
});
