import type { Authorize } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../server/log.js';

/**
 * One workspace's authorisation from its bot token. Bolt's own calls auth.test in the App
 * constructor, and a Slack that cannot be reached at that moment rejects a promise nobody awaits,
 * which ends the process. Here auth.test runs on the first request, its answer is kept, and a
 * failure is forgotten so the next request tries again: the server stays up through an outage.
 */
export function botTokenAuthorize(token: string, options: WebClientOptions, log: Logger): Authorize<boolean> {
  const client = new WebClient(token, options);
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string; enterpriseId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (r) => ({
        ...(r.bot_id ? { botId: r.bot_id } : {}),
        ...(r.user_id ? { botUserId: r.user_id } : {}),
        ...(r.team_id ? { teamId: r.team_id } : {}),
        ...(r.enterprise_id ? { enterpriseId: r.enterprise_id } : {}),
      }),
      (error: unknown) => {
        identity = undefined;
        log.warn('slack.auth_test_failed', { error });
        throw error;
      },
    );
    return { botToken: token, ...(await identity) };
  };
}
