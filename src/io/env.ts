/** Environment variables as read from the process (after `.env`). */
export type Env = Record<string, string | undefined>;
