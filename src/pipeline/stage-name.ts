/** The `write` pipeline's steps; `revise` is the writer's second pass (`--revise`). */
export type StageName = 'planner' | 'writer' | 'reviewer' | 'revise';

/** Every stage, in the order the pipeline runs them. */
export const stageNames: readonly StageName[] = ['planner', 'writer', 'reviewer', 'revise'];
