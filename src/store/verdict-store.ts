import type { SqliteDatabase } from './load-sqlite.js';
import type {
  Comparison,
  ComparisonCount,
  NewPick,
  NewVote,
  StoredPick,
  StoredVote,
  VerdictFilter,
  VerdictStore,
  VoteSource,
} from './verdicts.js';

interface VoteRow {
  id: number;
  run_id: number;
  prompt_id: string | null;
  position_a: number;
  position_b: number;
  model_a: string;
  model_b: string;
  outcome: NewVote['outcome'];
  source: VoteSource;
  voter: string;
  inconsistent: number;
  created_at: string;
}

interface PickRow {
  id: number;
  run_id: number;
  prompt_id: string | null;
  position: number;
  model: string;
  voter: string;
  created_at: string;
}

/** Tags as stored: trimmed, empty ones and repeats dropped, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}

/**
 * The WHERE clauses a filter adds for a table aliased `alias` (with `run_id`, `prompt_id`,
 * `created_at`): every tag must be the run's own or the prompt's.
 */
function filterClauses(filter: VerdictFilter, alias: string): { sql: string; values: string[] } {
  const clauses: string[] = [];
  const values: string[] = [];
  if (filter.since) {
    clauses.push(`${alias}.created_at >= ?`);
    values.push(filter.since);
  }
  for (const tag of cleanTags(filter.tags ?? [])) {
    clauses.push(
      `EXISTS (SELECT 1 FROM tags g WHERE g.run_id = ${alias}.run_id AND g.tag = ? AND (g.prompt_id IS NULL OR g.prompt_id = ${alias}.prompt_id))`,
    );
    values.push(tag);
  }
  return { sql: clauses.map((clause) => `AND ${clause}`).join(' '), values };
}

/**
 * Votes, picks and tags over the history database (schema v6). A pick stands for a win over every
 * other successful draft of its run (of the same batch prompt, `details.promptId`), skipping drafts
 * of the picked model itself and staged (write) results; picks are human verdicts. A duel between two
 * drafts of one model (a run that asked it twice) is stored but rates nothing: `comparisons` leaves it out. Re-picking on the
 * same run and prompt by the same voter replaces the earlier pick.
 */
export function verdictStoreOver(database: SqliteDatabase): VerdictStore {
  const insertVote = database.prepare(`INSERT INTO votes (run_id, prompt_id, position_a, position_b, model_a, model_b, outcome, source,
    voter, inconsistent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deletePick = database.prepare('DELETE FROM picks WHERE run_id = ? AND prompt_id IS ? AND voter = ?');
  const insertPick = database.prepare(
    'INSERT INTO picks (run_id, prompt_id, position, model, voter, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertTag = database.prepare(
    "INSERT INTO tags (run_id, prompt_id, tag) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tags WHERE run_id = ? AND tag = ? AND coalesce(prompt_id, '') = coalesce(?, ''))",
  );

  const recordVotes = database.transaction((votes: readonly NewVote[]) => {
    for (const vote of votes) {
      insertVote.run(
        vote.runId,
        vote.promptId,
        vote.positionA,
        vote.positionB,
        vote.modelA,
        vote.modelB,
        vote.outcome,
        vote.source,
        vote.voter,
        vote.inconsistent ? 1 : 0,
        vote.createdAt,
      );
    }
  });
  const recordPick = database.transaction((pick: NewPick) => {
    deletePick.run(pick.runId, pick.promptId, pick.voter);
    insertPick.run(pick.runId, pick.promptId, pick.position, pick.model, pick.voter, pick.createdAt);
  });
  const addTags = database.transaction((runId: number, promptId: string | null, tags: readonly string[]) => {
    for (const tag of cleanTags(tags)) insertTag.run(runId, promptId, tag, runId, tag, promptId);
  });

  const tagsOf = (runId: number) => {
    const rows = database.prepare('SELECT prompt_id, tag FROM tags WHERE run_id = ? ORDER BY id').all(runId) as {
      prompt_id: string | null;
      tag: string;
    }[];
    const run: string[] = [];
    const prompts: Record<string, string[]> = {};
    for (const row of rows) {
      if (row.prompt_id === null) run.push(row.tag);
      else (prompts[row.prompt_id] ??= []).push(row.tag);
    }
    return { run, prompts };
  };

  return {
    recordVotes: (votes) => recordVotes(votes),
    recordPick: (pick) => recordPick(pick),
    addTags: (runId, promptId, tags) => addTags(runId, promptId, tags),
    votesOf: (runId) => {
      const tags = tagsOf(runId);
      const rows = database.prepare('SELECT * FROM votes WHERE run_id = ? ORDER BY id').all(runId) as VoteRow[];
      return rows.map((row): StoredVote => ({
        id: row.id,
        runId: row.run_id,
        promptId: row.prompt_id,
        positionA: row.position_a,
        positionB: row.position_b,
        modelA: row.model_a,
        modelB: row.model_b,
        outcome: row.outcome,
        source: row.source,
        voter: row.voter,
        inconsistent: row.inconsistent !== 0,
        createdAt: row.created_at,
        tags: cleanTags([...tags.run, ...(row.prompt_id === null ? [] : (tags.prompts[row.prompt_id] ?? []))]),
      }));
    },
    picksOf: (runId) => {
      const rows = database.prepare('SELECT * FROM picks WHERE run_id = ? ORDER BY id').all(runId) as PickRow[];
      return rows.map((row): StoredPick => ({
        id: row.id,
        runId: row.run_id,
        promptId: row.prompt_id,
        position: row.position,
        model: row.model,
        voter: row.voter,
        createdAt: row.created_at,
      }));
    },
    tagsOf,
    comparisons: (filter) => comparisons(database, filter),
    comparisonCounts: (filter) => comparisonCounts(database, filter),
    positionsOf: (runId) =>
      (database.prepare('SELECT position FROM results WHERE run_id = ? ORDER BY position').raw(true).all(runId) as [number][]).map(
        ([position]) => position,
      ),
  };
}

/** The SQL of the comparisons a filter selects: votes (both-bad as ties), and picks as wins over the other drafts. */
function comparisonQueries(filter: VerdictFilter) {
  const sources: VoteSource[] = filter.source === 'all' ? ['human', 'judge'] : [filter.source];
  const votes = filterClauses(filter, 'v');
  const picks = filterClauses(filter, 'p');
  return {
    votes: {
      sql: `SELECT v.model_a AS model_a, v.model_b AS model_b, CASE v.outcome WHEN 'both-bad' THEN 'tie' ELSE v.outcome END AS outcome,
              v.source AS source, v.run_id AS run_id, v.id AS id FROM votes v
             WHERE v.source IN (${sources.map(() => '?').join(', ')}) AND v.model_a <> v.model_b ${votes.sql}`,
      values: [...sources, ...votes.values],
    },
    // picks are human verdicts. CROSS JOIN keeps picks the outer loop (a few rows, each joined through
    // results_by_run): left to itself, the planner scanned every comparison result first (200 ms at
    // 100,000 results, no picks)
    picks: sources.includes('human')
      ? {
          sql: `SELECT p.model AS winner, x.model AS loser, p.run_id AS run_id, p.id AS id, x.position AS position FROM picks p
                 CROSS JOIN results x ON x.run_id = p.run_id AND x.position <> p.position AND x.status = 'ok' AND x.role IS NULL
                      AND x.model <> p.model AND coalesce(json_extract(x.details, '$.promptId'), '') = coalesce(p.prompt_id, '')
                WHERE 1 = 1 ${picks.sql}`,
          values: picks.values,
        }
      : null,
  };
}

function comparisons(database: SqliteDatabase, filter: VerdictFilter): Comparison[] {
  const { votes, picks } = comparisonQueries(filter);
  const voteRows = database.prepare(`${votes.sql} ORDER BY v.id`).all(...votes.values) as {
    model_a: string;
    model_b: string;
    outcome: Comparison['outcome'];
    source: VoteSource;
    run_id: number;
  }[];
  const found: Comparison[] = voteRows.map((row) => ({
    modelA: row.model_a,
    modelB: row.model_b,
    outcome: row.outcome,
    source: row.source,
    runId: row.run_id,
  }));
  if (!picks) return found;
  const pickRows = database.prepare(`${picks.sql} ORDER BY p.id, x.position`).all(...picks.values) as {
    winner: string;
    loser: string;
    run_id: number;
  }[];
  for (const row of pickRows) found.push({ modelA: row.winner, modelB: row.loser, outcome: 'a', source: 'human', runId: row.run_id });
  return found;
}

/** The comparisons a filter selects, counted per pair and outcome: what a rating needs, in a few hundred rows. */
function comparisonCounts(database: SqliteDatabase, filter: VerdictFilter): ComparisonCount[] {
  const { votes, picks } = comparisonQueries(filter);
  const rows = database
    .prepare(
      `SELECT model_a, model_b, outcome, count(*) AS count FROM (${votes.sql}) GROUP BY model_a, model_b, outcome
       ${picks ? `UNION ALL SELECT winner, loser, 'a', count(*) FROM (${picks.sql}) GROUP BY winner, loser` : ''}`,
    )
    .all(...votes.values, ...(picks?.values ?? [])) as {
    model_a: string;
    model_b: string;
    outcome: ComparisonCount['outcome'];
    count: number;
  }[];
  return rows.map((row) => ({ modelA: row.model_a, modelB: row.model_b, outcome: row.outcome, count: row.count }));
}
