import type { Clock } from './clock.js';
import type { Db } from './database.js';

export interface Member {
  id: number;
  workspaceId: string;
  /** The platform's user id (Slack `U…`, Teams AAD object id, OS user for the CLI). */
  externalId: string;
  displayName: string | null;
  email: string | null;
  /** IANA time zone; 'UTC' until the platform tells us better. */
  timeZone: string;
  createdAt: number;
}

export interface EnsureMember {
  workspaceId: string;
  externalId: string;
  /** Each optional field updates the stored value when given and keeps it when omitted. */
  displayName?: string | null;
  email?: string | null;
  timeZone?: string | null;
}

export interface MemberRepository {
  /** Finds or creates the member of a workspace (the workspace must exist). */
  ensure(input: EnsureMember): Member;
  get(id: number): Member | undefined;
  byExternal(workspaceId: string, externalId: string): Member | undefined;
  list(workspaceId: string): Member[];
}

export interface MemberRow {
  id: number;
  workspace_id: string;
  external_id: string;
  display_name: string | null;
  email: string | null;
  time_zone: string;
  created_at: number;
}

export const toMember = (row: MemberRow): Member => ({
  id: row.id,
  workspaceId: row.workspace_id,
  externalId: row.external_id,
  displayName: row.display_name,
  email: row.email,
  timeZone: row.time_zone,
  createdAt: row.created_at,
});

interface UpsertParams {
  workspaceId: string;
  externalId: string;
  displayName: string | null;
  email: string | null;
  timeZone: string | null;
  at: number;
}

export function memberRepository(db: Db, now: Clock): MemberRepository {
  // One statement: concurrent first messages from the same user cannot create two members.
  const upsert = db.prepare<UpsertParams, MemberRow>(
    `INSERT INTO members (workspace_id, external_id, display_name, email, time_zone, created_at)
     VALUES (@workspaceId, @externalId, @displayName, @email, coalesce(@timeZone, 'UTC'), @at)
     ON CONFLICT (workspace_id, external_id) DO UPDATE SET
       display_name = coalesce(@displayName, members.display_name),
       email        = coalesce(@email, members.email),
       time_zone    = coalesce(@timeZone, members.time_zone)
     RETURNING *`,
  );
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  const byExternal = db.prepare<[string, string], MemberRow>(
    'SELECT * FROM members WHERE workspace_id = ? AND external_id = ?',
  );
  const list = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE workspace_id = ? ORDER BY id');

  return {
    ensure(input) {
      const row = upsert.get({
        workspaceId: input.workspaceId,
        externalId: input.externalId,
        displayName: input.displayName ?? null,
        email: input.email ?? null,
        timeZone: input.timeZone ?? null,
        at: now(),
      });
      return toMember(row as MemberRow); // RETURNING always yields the row
    },
    get(id) {
      const row = byId.get(id);
      return row && toMember(row);
    },
    byExternal(workspaceId, externalId) {
      const row = byExternal.get(workspaceId, externalId);
      return row && toMember(row);
    },
    list(workspaceId) {
      return list.all(workspaceId).map(toMember);
    },
  };
}
