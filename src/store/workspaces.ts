import type { Clock } from './clock.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

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
  ensure(input: EnsureWorkspace): Workspace;
  get(id: string): Workspace | undefined;
  /** Every workspace, oldest first. */
  list(): Workspace[];
  /** Replaces the settings object; false when the workspace does not exist. */
  setSettings(id: string, settings: Record<string, unknown>): boolean;
}

export function workspaceRepository(db: Db, now: Clock): WorkspaceRepository {
  const upsert = db.prepare<{ id: string; platform: string; name: string | null; at: number }, Row>(
    `INSERT INTO workspaces (id, platform, name, created_at) VALUES (@id, @platform, @name, @at)
     ON CONFLICT (id) DO UPDATE SET name = coalesce(@name, workspaces.name)
     RETURNING *`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM workspaces WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM workspaces ORDER BY created_at, id');
  const updateSettings = db.prepare<[string, string]>('UPDATE workspaces SET settings = ? WHERE id = ?');

  return {
    ensure(input: EnsureWorkspace): Workspace {
      const row = upsert.get({ id: input.id, platform: input.platform, name: input.name ?? null, at: now() });
      return toWorkspace(row as Row); // RETURNING always yields the row
    },
    get(id: string): Workspace | undefined {
      const row = byId.get(id);
      return row && toWorkspace(row);
    },
    list(): Workspace[] {
      return all.all().map(toWorkspace);
    },
    setSettings(id: string, settings: Record<string, unknown>): boolean {
      return updateSettings.run(toJson(settings, 'workspace settings'), id).changes === 1;
    },
  };
}
