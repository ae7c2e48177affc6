import { Actions } from '../../views/actions.js';
import { noticeCard } from '../../views/notice.js';
import { type SlackDeps, workspaceIdOf } from '../context.js';
import { values } from '../payloads.js';
import { formSelectionsFromState, parseFormBlockId, SELECT_ACTION_PREFIX } from '../render/blocks.js';
import { show } from '../show.js';
import { onAction } from './action.js';
import { actionPattern } from './lesson-actions.js';
import type { Listeners } from './router.js';

/**
 * The member as the store knows them, with no network call: an answer is recorded before Slack is
 * acknowledged, so it cannot wait for users.info (the member's time zone is already stored from
 * the command that showed them the check).
 */
const knownMember = (teamId: string, userId: string) => ({
  workspaceId: workspaceIdOf(teamId),
  platform: 'slack' as const,
  externalId: userId,
});

/**
 * Answers to concept checks, acknowledged only once recorded. The result replaces the check in place; the attempt is recorded once
 * per (member, check, card nonce), so double clicks, Slack's retries and stale cards count once.
 */
export function registerAnswerActions(app: Listeners, deps: SlackDeps): void {
  app.action(
    actionPattern(Actions.answerChoice),
    onAction(
      deps,
      values.answer,
      async (t) => {
        const outcome = deps.tutor.answer(knownMember(t.teamId, t.userId), {
          checkId: t.value.check,
          nonce: t.value.nonce,
          answer: { kind: 'choice', optionId: t.value.option },
        });
        await t.ack();
        await show(t.origin, outcome.card, { replace: outcome.ok, client: t.client, respond: t.respond });
      },
      { ackAfterWrite: true },
    ),
  );

  // Choosing a bucket in a sort quiz needs no answer: the choice is read from the state on Submit.
  app.action(new RegExp(`^${SELECT_ACTION_PREFIX.replace('.', '\\.')}`), async ({ ack }) => {
    await ack();
  });

  app.action(
    actionPattern(Actions.submitSort),
    onAction(
      deps,
      values.sort,
      async (t) => {
        const body = t.body as { actions?: { block_id?: string }[]; state?: unknown };
        const form = parseFormBlockId(body.actions?.[0]?.block_id);
        if (!form) {
          await show(
            t.origin,
            noticeCard('Not yet', 'That quiz card is out of date: try `/tutor quiz` again.', 'bad'),
            {
              replace: false,
              client: t.client,
              respond: t.respond,
            },
          );
          return;
        }
        const placements = formSelectionsFromState(body.state, form.formId);
        const outcome = deps.tutor.answer(knownMember(t.teamId, t.userId), {
          checkId: t.value.check,
          nonce: t.value.nonce,
          answer: { kind: 'sort', placements },
        });
        await t.ack();
        // An incomplete sort keeps the quiz on screen and says what is missing, as a separate note.
        await show(t.origin, outcome.card, { replace: outcome.ok, client: t.client, respond: t.respond });
      },
      { ackAfterWrite: true },
    ),
  );
}
