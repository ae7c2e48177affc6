import type { Clock } from './clock.js';
import type { Sql } from './sql/sql.js';

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
  ensure(input: EnsureMember): Promise<Member>;
  get(id: number): Promise<Member | undefined>;
  byExternal(workspaceId: string, externalId: string): Promise<Member | undefined>;
  list(workspaceId: string): Promise<Member[]>;
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

// One statement: concurrent first messages from the same user cannot create two members.
const UPSERT = `INSERT INTO members (workspace_id, external_id, display_name, email, time_zone, created_at)
  VALUES (@workspaceId, @externalId, @displayName, @email, coalesce(@timeZone, 'UTC'), @at)
  ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    display_name = coalesce(@displayName, members.display_name),
    email        = coalesce(@email, members.email),
    time_zone    = coalesce(@timeZone, members.time_zone)
  RETURNING *`;

export function memberRepository(sql: Sql, now: Clock): MemberRepository {
  return {
    async ensure(input) {
      const row = await sql.get<MemberRow>(UPSERT, {
        workspaceId: input.workspaceId,
        externalId: input.externalId,
        displayName: input.displayName ?? null,
        email: input.email ?? null,
        timeZone: input.timeZone ?? null,
        at: now(),
      });
      return toMember(row as MemberRow); // RETURNING always yields the row
    },
    async get(id) {
      const row = await sql.get<MemberRow>('SELECT * FROM members WHERE id = ?', [id]);
      return row && toMember(row);
    },
    async byExternal(workspaceId, externalId) {
      const row = await sql.get<MemberRow>('SELECT * FROM members WHERE workspace_id = ? AND external_id = ?', [
        workspaceId,
        externalId,
      ]);
      return row && toMember(row);
    },
    async list(workspaceId) {
      return (await sql.all<MemberRow>('SELECT * FROM members WHERE workspace_id = ? ORDER BY id', [workspaceId])).map(
        toMember,
      );
    },
  };
}
