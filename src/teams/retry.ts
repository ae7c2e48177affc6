/**
 * The Bot Connector client's retry policy, replaced per turn. botbuilder does not expose the
 * client's pipeline, hence the guarded reach-in; tests/teams/retry.test.ts and the daily-prompt test
 * notice if a new version moves it.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../server/log.js';
import { type Answer, patiently } from '../server/retry-after.js';

type Next = (request: { timeout: number }) => Promise<Answer>;
interface Policy {
  name: string;
  sendRequest(request: { timeout: number }, next: Next): Promise<Answer>;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: Policy, options?: { phase?: 'Retry' }): void;
}

/** Takes out the client's own retry policy and puts `policy` in; false when the pipeline was not found. */
export function replaceRetries(ctx: TurnContext, policy: Policy, options?: { phase?: 'Retry' }): boolean {
  const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined;
  const pipeline = client?.client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(policy, options);
  return true;
}

/** What the bot sends while a member waits (replies, card updates, nudges) outlasts Teams' throttling. */
export function patientReplies(ctx: TurnContext, log: Logger): void {
  const policy: Policy = {
    name: 'tutorPatientReplies',
    sendRequest: (request, next) =>
      patiently(
        () => next(request),
        (e) => (e.waitMs === undefined ? log.warn('teams.reply_gave_up', e) : log.info('teams.reply_retry', e)),
      ),
  };
  if (!replaceRetries(ctx, policy, { phase: 'Retry' }))
    log.warn('teams.reply_pipeline_missing', { message: 'replies keep botbuilder’s three retries' });
}
