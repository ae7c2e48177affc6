/** Conversions between plain TypeScript data and SQLite column values. */
import { StoreError } from './errors.js';

/**
 * Serialises a value for a JSON column. `JSON.stringify(undefined)` (or of a function) yields no
 * text at all, which would otherwise surface as an opaque NOT NULL failure, so name the column.
 */
export function toJson(value: unknown, column: string): string {
  const text = JSON.stringify(value);
  if (typeof text !== 'string') {
    throw new StoreError('store_invalid_data', `${column} must be JSON-serialisable data`);
  }
  return text;
}

/**
 * Parsed JSON column. Typed `unknown` on purpose: the store only guarantees valid JSON; the caller
 * owns the shape (and validates or narrows it, e.g. with its zod schema).
 */
export function fromJson(text: string): unknown {
  return JSON.parse(text);
}

/** SQLite has no booleans (and better-sqlite3 refuses to bind them): store 0/1. */
export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
