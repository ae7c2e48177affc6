import { fromJson, toJson } from './json.js';
import type { Sql } from './sql/sql.js';

export interface PickSessionRepository {
  /** Keeps `data` (any JSON value) under `id` for `owner`, from `at` until `expiresAt`. */
  put(id: string, owner: string, data: unknown, times: { at: number; expiresAt: number }): Promise<void>;
  /** The data, only for its owner and only while it has not expired at `at`; the caller checks its shape. */
  get(id: string, owner: string, at: number): Promise<unknown>;
}

const PUT = 'INSERT INTO pick_sessions (id, owner, data, expires_at) VALUES (?, ?, ?, ?)';
const GET = 'SELECT data FROM pick_sessions WHERE id = ? AND owner = ? AND expires_at > ?';
const SWEEP = `DELETE FROM pick_sessions WHERE id IN
  (SELECT id FROM pick_sessions WHERE expires_at <= ? LIMIT 100)`;

export function pickSessionRepository(sql: Sql): PickSessionRepository {
  return {
    async put(id, owner, data, { at, expiresAt }) {
      const text = toJson(data, 'pick_sessions.data');
      // Pickers are opened by people: a small sweep with each keeps the table at the open ones.
      await sql.run(SWEEP, [at]);
      await sql.run(PUT, [id, owner, text, expiresAt]);
    },
    async get(id, owner, at) {
      const row = await sql.get<{ data: string }>(GET, [id, owner, at]);
      return row && fromJson(row.data);
    },
  };
}
