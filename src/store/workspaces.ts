import type { Clock } from './clock.js';
import { fromJson, toJson } from './json.js';
import type { Sql } from './sql/sql.js';

export type Platform = 'slack' | 'teams' | 'cli';

export interface Workspace {
  /** `slack:T123`, `teams:<tenant id>`, `cli:local`. */
  id: string;
  platform: Platform;
  name: string | null;
  settings: Record<string, unknown>;
  createdAt: number;
}

export interface EnsureWorkspace {
  id: string;
  platform: Platform;
  /** Updates the stored name when given; an omitted name keeps the old one. */
  name?: string | null;
}

interface Row {
  id: string;
  platform: string;
  name: string | null;
  settings: string;
  created_at: number;
}

const toWorkspace = (row: Row): Workspace => ({
  id: row.id,
  platform: row.platform as Platform,
  name: row.name,
  settings: fromJson(row.settings) as Record<string, unknown>, // CHECK json_type(settings) = 'object'
  createdAt: row.created_at,
});

export interface WorkspaceRepository {
  /** Creates the workspace on first sight; later calls refresh the name when one is given. */
  ensure(input: EnsureWorkspace): Promise<Workspace>;
  get(id: string): Promise<Workspace | undefined>;
  /** Every workspace, oldest first. */
  list(): Promise<Workspace[]>;
  /** Replaces the settings object; false when the workspace does not exist. */
  setSettings(id: string, settings: Record<string, unknown>): Promise<boolean>;
}

const UPSERT = `INSERT INTO workspaces (id, platform, name, created_at) VALUES (@id, @platform, @name, @at)
  ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, workspaces.name)
  RETURNING *`;

export function workspaceRepository(sql: Sql, now: Clock): WorkspaceRepository {
  return {
    async ensure(input) {
      // Known and unchanged: only read. Many members' first requests arrive at once, and a write
      // would make each wait on (or, on PostgreSQL, conflict over) this one row.
      const known = await sql.get<Row>('SELECT * FROM workspaces WHERE id = ?', [input.id]);
      if (known && (input.name === undefined || input.name === null || input.name === known.name))
        return toWorkspace(known);
      const row = await sql.get<Row>(UPSERT, {
        id: input.id,
        platform: input.platform,
        name: input.name ?? null,
        at: now(),
      });
      return toWorkspace(row as Row); // RETURNING always yields the row
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM workspaces WHERE id = ?', [id]);
      return row && toWorkspace(row);
    },
    async list() {
      return (await sql.all<Row>('SELECT * FROM workspaces ORDER BY created_at, id')).map(toWorkspace);
    },
    async setSettings(id, settings) {
      const text = toJson(settings, 'workspace settings');
      return (await sql.run('UPDATE workspaces SET settings = ? WHERE id = ?', [text, id])).changes === 1;
    },
  };
}
