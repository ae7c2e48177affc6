import type { Clock } from './clock.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/**
 * Slack OAuth installations, keyed by enterprise id (org-wide installs) or team id. They hold bot
 * tokens, so the Slack layer stores them sealed (token-crypto.ts); this table only keeps JSON.
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
  list(): StoredInstallation[];
  /**
   * Replaces stored values so the old ones are gone from the files too: SQLite overwrites the old
   * bytes (secure_delete) and the WAL is checkpointed and emptied. For sealing plaintext tokens
   * left by an older release, and for re-sealing with a new key.
   */
  rewrite(entries: readonly { id: string; installation: unknown }[]): void;
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
  const all = db.prepare<[], Row>('SELECT * FROM slack_installations ORDER BY id');
  const toStored = (row: Row): StoredInstallation => ({
    id: row.id,
    installation: fromJson(row.installation),
    updatedAt: row.updated_at,
  });

  return {
    save(id, installation) {
      save.run(id, toJson(installation, 'Slack installation'), now());
    },
    get(id) {
      const row = get.get(id);
      return row && toStored(row);
    },
    remove: (id) => remove.run(id).changes === 1,
    list: () => all.all().map(toStored),
    rewrite(entries) {
      if (entries.length === 0) return;
      const before = db.pragma('secure_delete', { simple: true });
      db.pragma('secure_delete = ON');
      try {
        db.transaction(() => {
          for (const e of entries) save.run(e.id, toJson(e.installation, 'Slack installation'), now());
        }).immediate();
      } finally {
        db.pragma(`secure_delete = ${Number(before)}`);
      }
      // The old values also sit in WAL frames until the WAL is reset: move everything into the main
      // file and empty it. Best effort: a reader elsewhere may hold frames, and the next checkpoint does it.
      if (!db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
