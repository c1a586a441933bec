import type { HistoryStore } from '../../store/history-store.js';
import { writeNewFile } from '../../report/write-new-file.js';
import type { SaveGroup, SaveGroupReply } from './background-saver.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What the save thread does with each group (see background-saver.ts): the rows in one transaction,
 * then each file, never over an existing one (a name taken → `name-N.md`, and its row says so); a file
 * that cannot be written leaves its row without a file. The first history write that fails is
 * reported once and the history is not written again (as on the main thread); files still are.
 */
export function createGroupSaver(openStore: () => Promise<HistoryStore>, replace: boolean) {
  let store: HistoryStore | null = null;
  let historyFailed = false;
  const attempt = (write: (history: HistoryStore) => void): string | null => {
    if (historyFailed || !store) return null;
    try {
      write(store);
      return null;
    } catch (error) {
      historyFailed = true;
      return messageOf(error);
    }
  };
  const save = async (group: SaveGroup): Promise<SaveGroupReply> => {
    let historyError: string | null = null;
    if (!store && !historyFailed && group.entries.some((entry) => entry.row)) {
      try {
        store = await openStore();
      } catch (error) {
        historyFailed = true;
        historyError = messageOf(error);
      }
    }
    const rows = group.entries.flatMap((entry) => (entry.row ? [{ row: entry.row, search: entry.search }] : []));
    if (rows.length > 0) historyError ??= attempt((history) => history.recordRows(rows, replace));
    const files = group.entries.map(({ file, row, text }) => {
      if (file === null) return { outputFile: null, error: null };
      try {
        const outputFile = writeNewFile(file, text, (chosen) => {
          if (chosen !== file && row) historyError ??= attempt((history) => history.setOutputFile(row.run_id, row.position, chosen));
        });
        return { outputFile, error: null };
      } catch (error) {
        if (row) historyError ??= attempt((history) => history.setOutputFile(row.run_id, row.position, null));
        return { outputFile: null, error: messageOf(error) };
      }
    });
    return { id: group.id, files, historyError };
  };
  return { save, close: () => store?.close() };
}
