/**
 * The history database schema, one migration per version (`PRAGMA user_version`). Append new
 * migrations; never edit a released one.
 *
 * - runs: one row per comparison (or rerun, or pipeline run): when, the prompt and its source, the
 *   system prompt, the options as JSON (model ids and numbers only: never a key or base URL), and the
 *   tool version. `parent_run_id` links a rerun to the run it repeats.
 * - results: one row per model of a run, written as soon as it finishes: status, text, reasoning,
 *   every token count, latency, TTFT, cost, error type and message, attempts, served-by, output file;
 *   `role` is null for plain comparisons. `details` holds the rest of the result as JSON.
 * - judge (v3): `results.judge_score` is a `--judge` run's blind score of that output (null when not
 *   judged), `runs.judge_call` the judge's own call as JSON (null when the run had no judge).
 * - usage (v4): one meaning for every wire format. `input_tokens` is the whole input, of which
 *   `cache_read_tokens`, `cache_write_tokens` and the new `no_cache_input_tokens`. Rows written before
 *   v4 from Anthropic-format replies counted only the uncached part in `input_tokens`; they are the
 *   rows with `cache_write_tokens` set (no other format reported cache writes then), and are migrated,
 *   as is the judge's own call (`runs.judge_call.usage`).
 * - writing (v5): `results.chars` (字数) and `results.reading_minutes` of each text, counted by
 *   countWriting (rows written before v5 are counted once, in JavaScript, as the migration runs: see
 *   migrate-history.ts); the stats index covers them so `stats` reports 字数 without reading texts.
 * - verdicts (v6): `votes` (one row per duel: the two drafts by `results.position` as shown A and B,
 *   their models, the outcome, `source` human or judge, the voter, and `inconsistent` when a pairwise
 *   judge's two orders disagreed), `picks` (the draft a writer chose to publish; one per voter, run and
 *   prompt) and `tags` (a run's own when `prompt_id` is null, else a batch prompt's). `prompt_id` is
 *   the batch prompt (`details.promptId` of its results), null for a single prompt. Indexed for the
 *   leaderboard's filters: source and time, tag.
 * - publications (v7): each draft sent to the WeChat draft box by `publish`: the run (and batch prompt),
 *   the model whose draft it was, the draft's `media_id`, title and theme, and when. Never a secret or
 *   a token. Publishing again adds a row.
 * - routing (v8): `results.strategy`, the strategy that ordered a role's models for this call (null:
 *   the written order); `details.route` keeps the order chosen and why. Indexed for choosing: a
 *   model's recent calls in a role, and a role's last call under a strategy (round-robin's turn).
 * - calls (v9): every request sent, retries included: when (`sent_at`, epoch ms), the provider, the
 *   key's id (a sha256 prefix, never the key), the model, its tokens (input + output reported, set when
 *   it ends; null while in flight or when none were reported) and the run, when known. Indexed by key
 *   and time so a key's calls and tokens in a window are one covered range (src/limits).
 * - calls (v9): every request sent, for the limits (see src/limits).
 * - reuse (v10): `results.request_key`, a SHA-256 of the model, its endpoint, the system prompt, the
 *   prompt, max tokens and temperature (never a key): `--reuse` answers an identical call from the
 *   newest successful row with that key. A reused row keeps the original's text and metrics at cost 0,
 *   with `details.reusedFrom` the run it first came from.
 * - batches (v11): each batch a `--batch-api` run sent to a provider's batch API, stored as soon as the
 *   provider accepted it: the run, provider, model (`provider:model`), the provider's batch id and wire
 *   format, the handle `batch collect` needs (JSON: batch id, model id, input file id, cell ids — never
 *   a key or base URL), `details` (JSON: the batch price used for costs), when it was sent, the last
 *   state and counts seen (and when), and `collected_at` once its results are in `results`.
 * - history_fts: prompts and outputs for full-text search (trigram tokenizer, so Chinese substrings
 *   of three or more characters match; shorter queries fall back to LIKE).
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'compare',
    parent_run_id INTEGER REFERENCES runs(id),
    prompt TEXT NOT NULL,
    prompt_source TEXT NOT NULL,
    topic TEXT,
    system_prompt TEXT,
    options TEXT NOT NULL,
    tool_version TEXT NOT NULL
  );
  CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    role TEXT,
    status TEXT NOT NULL,
    served_by TEXT,
    text TEXT,
    reasoning TEXT,
    input_tokens INTEGER,
    output_tokens INTEGER,
    cache_read_tokens INTEGER,
    cache_write_tokens INTEGER,
    reasoning_tokens INTEGER,
    latency_ms INTEGER NOT NULL,
    ttft_ms INTEGER,
    cost_usd REAL,
    error_type TEXT,
    error_message TEXT,
    attempts INTEGER NOT NULL,
    output_file TEXT,
    details TEXT NOT NULL
  );
  CREATE INDEX results_by_run ON results(run_id, position);
  CREATE INDEX results_by_time ON results(created_at);
  CREATE INDEX results_by_model ON results(model);
  CREATE VIRTUAL TABLE history_fts USING fts5(run_id UNINDEXED, body, tokenize = 'trigram');
  `,
  `
  -- stats: totals from one narrow covering index; latency percentiles by seeking into an index
  -- ordered by latency within each group (so 100,000 results answer in tens of milliseconds)
  DROP INDEX results_by_time;
  CREATE INDEX results_stats ON results(created_at, model, provider, role, status, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd);
  CREATE INDEX results_latency_by_model ON results(model, status, latency_ms, created_at);
  CREATE INDEX results_latency_by_provider ON results(provider, status, latency_ms, created_at);
  CREATE INDEX results_latency_by_role ON results(role, status, latency_ms, created_at);
  `,
  `
  -- --judge: each result's blind score (the mean of the rubric; criteria and reasons are in details.judge),
  -- and the judge's own call (model, usage, latency, cost, error) as JSON on the run
  ALTER TABLE results ADD COLUMN judge_score REAL;
  ALTER TABLE runs ADD COLUMN judge_call TEXT;
  `,
  `
  -- one usage meaning: input_tokens is the total input; no_cache_input_tokens its uncached part
  ALTER TABLE results ADD COLUMN no_cache_input_tokens INTEGER;
  UPDATE results
     SET no_cache_input_tokens = input_tokens,
         input_tokens = input_tokens + coalesce(cache_read_tokens, 0) + cache_write_tokens
   WHERE cache_write_tokens IS NOT NULL AND input_tokens IS NOT NULL;
  UPDATE results
     SET no_cache_input_tokens = max(0, input_tokens - coalesce(cache_read_tokens, 0))
   WHERE cache_write_tokens IS NULL AND input_tokens IS NOT NULL;
  UPDATE runs
     SET judge_call = json_set(judge_call,
           '$.usage.noCacheInputTokens', json_extract(judge_call, '$.usage.inputTokens'),
           '$.usage.inputTokens', json_extract(judge_call, '$.usage.inputTokens')
             + coalesce(json_extract(judge_call, '$.usage.cacheReadTokens'), 0)
             + json_extract(judge_call, '$.usage.cacheWriteTokens'))
   WHERE json_valid(judge_call) AND json_type(judge_call, '$.usage.cacheWriteTokens') = 'integer'
     AND json_type(judge_call, '$.usage.inputTokens') = 'integer';
  UPDATE runs
     SET judge_call = json_set(judge_call, '$.usage.noCacheInputTokens',
           max(0, json_extract(judge_call, '$.usage.inputTokens') - coalesce(json_extract(judge_call, '$.usage.cacheReadTokens'), 0)))
   WHERE json_valid(judge_call) AND json_type(judge_call, '$.usage.noCacheInputTokens') IS NULL
     AND json_type(judge_call, '$.usage.inputTokens') = 'integer';
  `,
  `
  -- 字数 and reading time of each text; the stats index rebuilt to cover them
  ALTER TABLE results ADD COLUMN chars INTEGER;
  ALTER TABLE results ADD COLUMN reading_minutes INTEGER;
  DROP INDEX results_stats;
  CREATE INDEX results_stats ON results(created_at, model, provider, role, status, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd, chars, reading_minutes);
  `,
  `
  -- verdicts: blind votes (human or pairwise judge), picks, and tags of runs and batch prompts
  CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    prompt_id TEXT,
    position_a INTEGER NOT NULL,
    position_b INTEGER NOT NULL,
    model_a TEXT NOT NULL,
    model_b TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('a', 'b', 'tie', 'both-bad')),
    source TEXT NOT NULL CHECK (source IN ('human', 'judge')),
    voter TEXT NOT NULL,
    inconsistent INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX votes_by_run ON votes(run_id, prompt_id);
  CREATE INDEX votes_by_source ON votes(source, created_at);
  CREATE TABLE picks (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    prompt_id TEXT,
    position INTEGER NOT NULL,
    model TEXT NOT NULL,
    voter TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX picks_by_run ON picks(run_id, prompt_id);
  CREATE INDEX picks_by_time ON picks(created_at);
  CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    prompt_id TEXT,
    tag TEXT NOT NULL
  );
  CREATE UNIQUE INDEX tags_by_run ON tags(run_id, tag, coalesce(prompt_id, ''));
  CREATE INDEX tags_by_tag ON tags(tag, run_id);
  `,
  `
  -- publications: drafts sent to the WeChat draft box (publish)
  CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    prompt_id TEXT,
    model TEXT NOT NULL,
    media_id TEXT NOT NULL,
    title TEXT NOT NULL,
    theme TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX publications_by_run ON publications(run_id, created_at);
  `,
  `
  -- routing: which strategy ordered a role's models; a model's recent calls in a role, read when choosing
  ALTER TABLE results ADD COLUMN strategy TEXT;
  CREATE INDEX results_recent_by_model ON results(model, role, created_at, status, served_by, latency_ms, cost_usd, output_tokens, input_tokens);
  CREATE INDEX results_by_strategy ON results(role, strategy, created_at);
  `,
  `
  -- calls: every request sent (each attempt), for the limits kept before they bite (src/limits)
  CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    sent_at INTEGER NOT NULL,
    provider TEXT NOT NULL,
    key_id TEXT NOT NULL,
    model TEXT NOT NULL,
    tokens INTEGER,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL
  );
  CREATE INDEX calls_by_key ON calls(key_id, sent_at, tokens);
  `,
  `
  -- reuse (--reuse): each result's request key, a SHA-256 of what decides the answer (model, endpoint,
  -- system prompt, prompt, max tokens, temperature), so an identical call is answered from here
  ALTER TABLE results ADD COLUMN request_key TEXT;
  CREATE INDEX results_by_request ON results(request_key, created_at) WHERE request_key IS NOT NULL;
  `,
  `
  -- batches (--batch-api): each batch sent to a provider's batch API, stored the moment it was accepted
  CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    format TEXT NOT NULL,
    handle TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    submitted_at TEXT NOT NULL,
    state TEXT NOT NULL,
    counts TEXT,
    checked_at TEXT,
    collected_at TEXT
  );
  CREATE INDEX batches_by_run ON batches(run_id, id);
  `,
];
