import type { Clock } from './clock.js';
import { fromJson, toJson } from './json.js';
import type { Sql } from './sql/sql.js';

/** A Teams conversation reference, kept so daily prompts can be sent proactively. */
export interface ConversationRef {
  id: string;
  workspaceId: string;
  reference: unknown;
  updatedAt: number;
}

export interface ConversationRepository {
  /** Inserts or replaces the reference (Teams may move a conversation to another service URL). */
  save(id: string, workspaceId: string, reference: unknown): Promise<void>;
  get(id: string): Promise<ConversationRef | undefined>;
  list(workspaceId: string): Promise<ConversationRef[]>;
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

const SAVE = `INSERT INTO conversation_refs (id, workspace_id, reference, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET workspace_id = excluded.workspace_id,
    reference = excluded.reference, updated_at = excluded.updated_at`;

export function conversationRepository(sql: Sql, now: Clock): ConversationRepository {
  return {
    async save(id, workspaceId, reference) {
      await sql.run(SAVE, [id, workspaceId, toJson(reference, 'conversation reference'), now()]);
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM conversation_refs WHERE id = ?', [id]);
      return row && toRef(row);
    },
    list: async (workspaceId) =>
      (await sql.all<Row>('SELECT * FROM conversation_refs WHERE workspace_id = ? ORDER BY id', [workspaceId])).map(
        toRef,
      ),
  };
}
