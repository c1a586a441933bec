/** Who gave a verdict: the writer (a vote or a pick) or an LLM judge (pairwise mode). */
export type VoteSource = 'human' | 'judge';

/** One duel's outcome for the two drafts as shown: A (left / first) or B won, a tie, or both bad (a tie). */
export type DuelOutcome = 'a' | 'b' | 'tie' | 'both-bad';

/** A duel's verdict, as recorded. */
export interface NewVote {
  runId: number;
  /** The batch prompt both drafts answer; null for a single prompt. */
  promptId: string | null;
  /** `results.position` of the draft shown as A, and of the one shown as B. */
  positionA: number;
  positionB: number;
  modelA: string;
  modelB: string;
  outcome: DuelOutcome;
  source: VoteSource;
  /** The voter (`--voter`, default the OS user) for humans; the judge model's id for a judge. */
  voter: string;
  /** Pairwise judge only: the two orders disagreed, so the outcome was recorded as a tie. */
  inconsistent: boolean;
  /** ISO 8601. */
  createdAt: string;
}

/** A recorded vote, with the tags of its run and prompt. */
export interface StoredVote extends NewVote {
  id: number;
  tags: string[];
}

/** The draft a writer chose to publish: a win over every other draft of its run (of its prompt, in a batch). */
export interface NewPick {
  runId: number;
  promptId: string | null;
  position: number;
  model: string;
  voter: string;
  createdAt: string;
}

/** A recorded pick. */
export interface StoredPick extends NewPick {
  id: number;
}

/** Which verdicts the leaderboard reads. Human and judge verdicts are never mixed unless `all`. */
export interface VerdictFilter {
  source: VoteSource | 'all';
  /** Only runs or prompts carrying every one of these tags. */
  tags?: readonly string[];
  /** ISO 8601: only verdicts given since then. */
  since?: string;
}

/** One pairwise comparison for the rating: a vote, or one of the wins a pick stands for. */
export interface Comparison {
  modelA: string;
  modelB: string;
  /** Both-bad votes arrive as ties. */
  outcome: 'a' | 'b' | 'tie';
  source: VoteSource;
  runId: number;
}

/** Comparisons of one pair of models with one outcome, and how many there are. */
export interface ComparisonCount {
  modelA: string;
  modelB: string;
  outcome: Comparison['outcome'];
  count: number;
}

/** Votes, picks and tags, in the history database. */
export interface VerdictStore {
  recordVotes(votes: readonly NewVote[]): void;
  recordPick(pick: NewPick): void;
  /** The run's own tags (`--tag`), or with `promptId` a batch prompt's (`tags` of its JSONL line). */
  addTags(runId: number, promptId: string | null, tags: readonly string[]): void;
  votesOf(runId: number): StoredVote[];
  picksOf(runId: number): StoredPick[];
  /** The run's tags, and each batch prompt's own. */
  tagsOf(runId: number): { run: string[]; prompts: Record<string, string[]> };
  /** Every comparison matching the filter: votes, and picks expanded into wins over the other drafts. */
  comparisons(filter: VerdictFilter): Comparison[];
  /** The same comparisons counted per pair of models and outcome (for ratings without the list). */
  comparisonCounts(filter: VerdictFilter): ComparisonCount[];
  /**
   * The `results.position` of each of the run's results, in the order `getRun(runId).results` lists
   * them (by position): `positionsOf(id)[i]` is the position of `results[i]`, for a NewVote or NewPick.
   */
  positionsOf(runId: number): number[];
}
