import type { Clock } from './clock.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/** A Teams conversation reference, kept so daily prompts can be sent proactively. */
export interface ConversationRef {
  id: string;
  workspaceId: string;
  reference: unknown;
  updatedAt: number;
}

export interface ConversationRepository {
  /** Inserts or replaces the reference (Teams may move a conversation to another service URL). */
  save(id: string, workspaceId: string, reference: unknown): void;
  get(id: string): ConversationRef | undefined;
  list(workspaceId: string): ConversationRef[];
}

interface Row {
  id: string;
  workspace_id: string;
  reference: string;
  updated_at: number;
}

const toRef = (row: Row): ConversationRef => ({
  id: row.id,
  workspaceId: row.workspace_id,
  reference: fromJson(row.reference),
  updatedAt: row.updated_at,
});

export function conversationRepository(db: Db, now: Clock): ConversationRepository {
  const save = db.prepare<[string, string, string, number]>(
    `INSERT INTO conversation_refs (id, workspace_id, reference, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id,
       reference = excluded.reference, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM conversation_refs WHERE id = ?');
  const list = db.prepare<[string], Row>('SELECT * FROM conversation_refs WHERE workspace_id = ? ORDER BY id');

  return {
    save(id, workspaceId, reference) {
      save.run(id, workspaceId, toJson(reference, 'conversation reference'), now());
    },
    get(id) {
      const row = get.get(id);
      return row && toRef(row);
    },
    list: (workspaceId) => list.all(workspaceId).map(toRef),
  };
}
