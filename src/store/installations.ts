import type { Clock } from './clock.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/**
 * Slack OAuth installations, keyed by enterprise id (org-wide installs) or team id. They hold bot
 * tokens: the database file must be protected like any other secret store.
 */
export interface StoredInstallation {
  id: string;
  installation: unknown;
  updatedAt: number;
}

export interface InstallationRepository {
  save(id: string, installation: unknown): void;
  get(id: string): StoredInstallation | undefined;
  /** On uninstall / tokens_revoked; false when there was nothing to remove. */
  remove(id: string): boolean;
}

interface Row {
  id: string;
  installation: string;
  updated_at: number;
}

export function installationRepository(db: Db, now: Clock): InstallationRepository {
  const save = db.prepare<[string, string, number]>(
    `INSERT INTO slack_installations (id, installation, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET installation = excluded.installation, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM slack_installations WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM slack_installations WHERE id = ?');

  return {
    save(id, installation) {
      save.run(id, toJson(installation, 'Slack installation'), now());
    },
    get(id) {
      const row = get.get(id);
      return row && { id: row.id, installation: fromJson(row.installation), updatedAt: row.updated_at };
    },
    remove: (id) => remove.run(id).changes === 1,
  };
}
