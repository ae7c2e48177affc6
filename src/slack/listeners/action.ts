import type { AllMiddlewareArgs, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { failureOf } from '../../app/failure.js';
import type { SlackDeps } from '../context.js';
import { actionBodySchema, teamOf } from '../payloads.js';
import { parseActionValue } from '../render/blocks.js';
import { type Origin, originOf, show } from '../show.js';

export interface ActionTurn<V> {
  readonly value: V;
  readonly teamId: string;
  readonly userId: string;
  readonly origin: Origin;
  readonly client: WebClient;
  readonly respond: RespondFn;
  /** The raw body, for the few listeners that read more (form state, trigger id). */
  readonly body: unknown;
  /** With `ackAfterWrite`: acknowledge once the write is durable (called again, it does nothing). */
  readonly ack: () => Promise<void>;
}

export interface ActionOptions {
  /**
   * Acknowledge only after the handler has stored what it was asked to (it calls `t.ack()`), so an
   * acknowledged answer survives a crash. Only for fast, local writes: Slack's 3-second limit holds.
   */
  readonly ackAfterWrite?: boolean;
}

type Args = SlackActionMiddlewareArgs & AllMiddlewareArgs;

/**
 * Wraps a button listener: acknowledge first (Slack's 3-second rule), then validate the body and the
 * button's value with zod. A payload that does not fit — a forged value, an old card — gets a short
 * ephemeral note and is logged without its contents; it never reaches the core.
 */
export function onAction<S extends z.ZodType>(
  deps: SlackDeps,
  schema: S,
  handle: (turn: ActionTurn<z.infer<S>>) => Promise<void>,
  options: ActionOptions = {},
): (args: Args) => Promise<void> {
  return async ({ ack: slackAck, body, client, respond }) => {
    let acked = false;
    const ack = async () => {
      if (acked) return;
      acked = true;
      await slackAck();
    };
    if (!options.ackAfterWrite) await ack();
    const parsed = actionBodySchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    const value = parsed.success
      ? schema.safeParse(parseActionValue(parsed.data.actions[0]?.value ?? '{}') ?? {})
      : undefined;
    if (!parsed.success || !teamId || !value?.success) {
      await ack();
      deps.log.warn('slack.action_refused', {
        reason: 'payload did not validate',
        action: parsed.data?.actions[0]?.action_id,
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button is out of date or not one of mine. Try `/tutor` for a fresh card.',
      }).catch(() => {});
      return;
    }
    // The schema keeps only what it checks; where to answer is read from the container Slack sent.
    const origin = originOf(body as unknown as Parameters<typeof originOf>[0]);
    try {
      await handle({ value: value.data, teamId, userId: parsed.data.user.id, origin, client, respond, body, ack });
      await ack();
    } catch (error) {
      // Acknowledged only now, and the member is told it was not saved: nothing looks recorded
      // that is not (an ackAfterWrite handler acknowledges after its write, so a failed write lands here first).
      await ack().catch(() => {});
      const failure = failureOf(error);
      deps.log.error('slack.action_failed', { action: parsed.data.actions[0]?.action_id, fault: failure.fault, error });
      await show(origin, failure.card, { replace: false, client, respond }).catch(() => {});
    }
  };
}
