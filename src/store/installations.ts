import type { Clock } from './clock.js';
import { fromJson, toJson } from './json.js';
import type { Sql } from './sql/sql.js';

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
  save(id: string, installation: unknown): Promise<void>;
  get(id: string): Promise<StoredInstallation | undefined>;
  /** On uninstall / tokens_revoked; false when there was nothing to remove. */
  remove(id: string): Promise<boolean>;
  list(): Promise<StoredInstallation[]>;
  /**
   * Replaces stored values so the old ones are gone from the files too: SQLite overwrites the old
   * bytes (secure_delete) and the WAL is checkpointed and emptied. For sealing plaintext tokens
   * left by an older release, and for re-sealing with a new key. (PostgreSQL keeps old row versions
   * until VACUUM reclaims them; run VACUUM after re-sealing there.)
   */
  rewrite(entries: readonly { id: string; installation: unknown }[]): Promise<void>;
}

interface Row {
  id: string;
  installation: string;
  updated_at: number;
}

const SAVE = `INSERT INTO slack_installations (id, installation, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET installation = excluded.installation, updated_at = excluded.updated_at`;

const toStored = (row: Row): StoredInstallation => ({
  id: row.id,
  installation: fromJson(row.installation),
  updatedAt: row.updated_at,
});

export function installationRepository(sql: Sql, now: Clock): InstallationRepository {
  const save = (id: string, installation: unknown) =>
    sql.run(SAVE, [id, toJson(installation, 'Slack installation'), now()]);
  const saveAll = (entries: readonly { id: string; installation: unknown }[]) =>
    sql.transaction(async () => {
      for (const e of entries) await save(e.id, e.installation);
    });

  return {
    async save(id, installation) {
      await save(id, installation);
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM slack_installations WHERE id = ?', [id]);
      return row && toStored(row);
    },
    remove: async (id) => (await sql.run('DELETE FROM slack_installations WHERE id = ?', [id])).changes === 1,
    list: async () => (await sql.all<Row>('SELECT * FROM slack_installations ORDER BY id')).map(toStored),
    async rewrite(entries) {
      if (entries.length === 0) return;
      if (sql.dialect !== 'sqlite') return saveAll(entries);
      const before = await sql.get<{ secure_delete: number }>('PRAGMA secure_delete');
      await sql.run('PRAGMA secure_delete = ON');
      try {
        await saveAll(entries);
      } finally {
        await sql.run(`PRAGMA secure_delete = ${Number(before?.secure_delete ?? 0)}`);
      }
      // The old values also sit in WAL frames until the WAL is reset: move everything into the main
      // file and empty it. Best effort: a reader elsewhere may hold frames, and the next checkpoint does it.
      if (sql.where !== ':memory:') await sql.get('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  };
}
