/**
 * One step of the schema. Migrations are TypeScript modules (not .sql files) so they compile into
 * dist with the code and need no copying at build time.
 */
export interface Migration {
  /** 1, 2, 3 … in order with no gaps; stored in `PRAGMA user_version` once applied. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the same transaction as the user_version bump, so a step applies whole or not at all. */
  readonly sql: string;
}

/** A calendar day in the member's (or schedule's) own time zone, `YYYY-MM-DD`. */
export const dayCheck = (column: string): string =>
  `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
