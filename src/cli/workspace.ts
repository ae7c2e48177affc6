/**
 * Whose progress the terminal reads and writes. By default a workspace of its own (`cli:local`),
 * where `--user` is any name. With `--workspace slack:T… | teams:<tenant>` it works on a chat
 * team's data in the same database: `--user` must then name a member who is already there (their
 * chat id or display name), so a typo never adds an empty member to a team's report.
 */
import type { MemberRef } from '../app/tutor.js';
import { isValidTimeZone } from '../core/time/zoned.js';
import type { Store } from '../store/index.js';

export const LOCAL_WORKSPACE = 'cli:local';

export type WhoResult =
  | { readonly ok: true; readonly me: MemberRef }
  | { readonly ok: false; readonly message: string };

export interface WhoOptions {
  readonly workspace?: string;
  readonly user?: string;
  readonly tz?: string;
}

/** The workspace named by `--workspace`, or why it cannot be used. */
export async function findWorkspace(store: Store, id: string): Promise<{ ok: true } | { ok: false; message: string }> {
  if (id === LOCAL_WORKSPACE || (await store.workspaces.get(id))) return { ok: true };
  const known = (await store.workspaces.list()).map((w) => `${w.id}${w.name ? ` (${w.name})` : ''}`).join(', ');
  return {
    ok: false,
    message: `There is no workspace "${id}" in this database. ${known ? `Known: ${known}.` : 'It has no workspace yet.'}`,
  };
}

export async function resolveMember(store: Store, options: WhoOptions, osUser: string): Promise<WhoResult> {
  if (options.tz !== undefined && !isValidTimeZone(options.tz))
    return { ok: false, message: `--tz "${options.tz}" is not a time zone: use an IANA name such as Europe/Berlin.` };
  const workspaceId = options.workspace ?? LOCAL_WORKSPACE;
  const timeZone = options.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (workspaceId === LOCAL_WORKSPACE) {
    const name = options.user ?? osUser;
    return { ok: true, me: { workspaceId, platform: 'cli', externalId: name, displayName: name, timeZone } };
  }
  const found = await findWorkspace(store, workspaceId);
  if (!found.ok) return found;
  if (!options.user)
    return { ok: false, message: `With --workspace ${workspaceId}, name the member with --user (their id or name).` };
  const wanted = options.user.toLowerCase();
  const members = await store.members.list(workspaceId);
  const byId = members.find((m) => m.externalId.toLowerCase() === wanted);
  const byName = members.filter((m) => m.displayName?.toLowerCase() === wanted);
  const member = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!member)
    return {
      ok: false,
      message:
        byName.length > 1
          ? `Several members of ${workspaceId} are called "${options.user}": use their id instead (${byName.map((m) => m.externalId).join(', ')}).`
          : `No member "${options.user}" in ${workspaceId}: use the id or name shown in \`tutor report --workspace ${workspaceId}\`.`,
    };
  const platform = workspaceId.startsWith('teams:') ? 'teams' : 'slack';
  return {
    ok: true,
    me: { workspaceId, platform, externalId: member.externalId, timeZone: options.tz ?? member.timeZone },
  };
}
