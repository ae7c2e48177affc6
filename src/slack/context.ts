import type { WebClient } from '@slack/web-api';
import type { RateLimiter } from '../app/limits.js';
import type { LruCache } from '../app/lru.js';
import type { SurfaceDeps } from '../app/surface.js';
import type { MemberRef } from '../app/tutor.js';

/**
 * What every Slack listener may use. Managers are TUTOR_MANAGERS' Slack user ids, besides the
 * workspace's owners and admins.
 */
export interface SlackDeps extends SurfaceDeps {
  /** Slack profiles seen recently (see userInfo), bounded; createSlack makes one if absent. */
  readonly profiles: LruCache<UserInfo>;
  /** Per-member limit on cost estimates (see app/limits.ts); createSlack makes one if absent. */
  readonly costLimiter?: RateLimiter;
}

export const workspaceIdOf = (teamId: string) => `slack:${teamId}`;

export interface UserInfo {
  readonly name?: string;
  readonly tz?: string;
  /** Present only with the `users:read.email` scope. */
  readonly email?: string;
  readonly isAdmin: boolean;
}

/**
 * The member's Slack profile (display name, time zone, admin flags), cached for a few minutes so a
 * burst of clicks makes one users.info call. A failure gives an empty profile, not an error:
 * the member can still learn, with UTC as their day.
 */
export async function userInfo(client: WebClient, teamId: string, userId: string, deps: SlackDeps): Promise<UserInfo> {
  const key = `${teamId}:${userId}`;
  const cached = deps.profiles.get(key);
  if (cached) return cached;
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    const info: UserInfo = {
      name: u?.profile?.display_name || u?.real_name || u?.name || undefined,
      tz: u?.tz || undefined,
      email: u?.profile?.email?.toLowerCase() || undefined,
      isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
    };
    deps.profiles.set(key, info);
    return info;
  } catch (error) {
    deps.log.warn('slack.users_info_failed', { teamId, userId, error });
    return { isAdmin: false };
  }
}

export async function memberRef(
  client: WebClient,
  teamId: string,
  userId: string,
  deps: SlackDeps,
): Promise<MemberRef> {
  const info = await userInfo(client, teamId, userId, deps);
  return {
    workspaceId: workspaceIdOf(teamId),
    platform: 'slack',
    externalId: userId,
    ...(info.name ? { displayName: info.name } : {}),
    ...(info.tz ? { timeZone: info.tz } : {}),
  };
}

/**
 * Managers: owners and admins of the workspace, and TUTOR_MANAGERS by Slack user id or by e-mail
 * (which Slack shows the bot only with the users:read.email scope). Checked on every manager action.
 */
export async function isManager(client: WebClient, teamId: string, userId: string, deps: SlackDeps): Promise<boolean> {
  if (deps.managers.has(userId)) return true;
  const info = await userInfo(client, teamId, userId, deps);
  if (info.isAdmin) return true;
  if (!info.email) return false;
  for (const m of deps.managers) if (m.includes('@') && m.toLowerCase() === info.email) return true;
  return false;
}
