/**
 * The SQLite migrations' CHECKs in PostgreSQL's words. GLOB patterns become anchored regular
 * expressions; json_valid becomes a cast to jsonb, which rejects malformed JSON (as an
 * invalid-input error rather than a check violation, which callers never rely on).
 */

/** A calendar day, `YYYY-MM-DD`: the same shape SQLite's GLOB accepts. */
export const pgDayCheck = (column: string): string => `CHECK (${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$')`;

/** `HH:MM` from 00:00 to 23:59: SQLite's `GLOB '[0-2][0-9]:[0-5][0-9]' AND < '24:00'`, free of collation. */
export const pgTimeCheck = (column: string): string => `CHECK (${column} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')`;

/** Valid JSON text. */
export const pgJsonCheck = (column: string): string => `CHECK ((${column}::jsonb) IS NOT NULL)`;
