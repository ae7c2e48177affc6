/**
 * The platforms' published limits for sending DMs, as the personal runner paces them.
 *
 * Slack (https://api.slack.com/docs/rate-limits, "Posting messages"): chat.postMessage "generally
 * allows posting one message per second per channel, while also maintaining a workspace-wide limit";
 * short bursts above 1/s are allowed but not guaranteed. A DM is its own channel, so each member gets
 * 1/s; Slack publishes no number for the workspace-wide limit, so ours is a setting (default below)
 * and any 429 it still answers is waited out with its Retry-After.
 *
 * Teams (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): per bot per
 * thread (a 1:1 chat is a thread) 7 operations per 1 s, 8 per 2 s, 60 per 30 s and 1,800 per hour;
 * and a global limit per app per tenant of 50 requests per second.
 */
import type { Platform } from '../store/index.js';

export interface SendLimits {
  /** Per conversation (one member's DM). */
  readonly perConversation: { readonly count: number; readonly intervalMs: number };
  /** Per workspace / tenant, with the burst allowed back to back. */
  readonly perWorkspace: { readonly count: number; readonly intervalMs: number; readonly burst: number };
}

export const SLACK_DM_LIMITS: SendLimits = {
  perConversation: { count: 1, intervalMs: 1_000 },
  // No published figure: our default is a steady 20 a second with bursts of 50; a deployment may set more.
  perWorkspace: { count: 20, intervalMs: 1_000, burst: 50 },
};

export const TEAMS_DM_LIMITS: SendLimits = {
  perConversation: { count: 7, intervalMs: 1_000 },
  // 50 RPS per app per tenant, all calls counted: keep headroom for the replies users are waiting for.
  perWorkspace: { count: 40, intervalMs: 1_000, burst: 40 },
};

export const DM_LIMITS: Readonly<Record<Platform, SendLimits>> = {
  slack: SLACK_DM_LIMITS,
  teams: TEAMS_DM_LIMITS,
  // The terminal has no DMs; a generous limit keeps tests of it simple.
  cli: {
    perConversation: { count: 100, intervalMs: 1_000 },
    perWorkspace: { count: 1_000, intervalMs: 1_000, burst: 1_000 },
  },
};
