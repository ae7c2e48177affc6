import type { z } from 'zod';
import type { AnswerOutcome } from '../../app/tutor.js';
import { Actions } from '../../views/actions.js';
import { type Card, userText } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import type { TeamsRuntimeDeps, Turn } from '../context.js';
import { type HandledAction, isExplainAction, isHandled } from '../handled.js';
import { submitValues } from '../payloads.js';
import { readSubmit, type Submit } from '../render/adaptive-card.js';
import { replaceCard, sendCard } from '../reply.js';
import { costReply } from './cost.js';
import { explainInConversation } from './explain.js';
import { type ManagerAction, managerAction } from './manager.js';

/** What to show after a click: a new card, or the clicked card replaced in place. */
interface Shown {
  readonly card: Card;
  readonly replace?: boolean;
}

interface Handler<S extends z.ZodType> {
  readonly schema: S;
  run(value: z.infer<S>, submit: Submit, turn: Turn, deps: TeamsRuntimeDeps): Promise<Shown> | Shown;
}

const on = <S extends z.ZodType>(schema: S, run: Handler<S>['run']): Handler<S> => ({ schema, run });

/**
 * The result replaces the check in place. In a channel or group chat everyone sees that card, so it
 * says whose answer it shows. A refusal (an incomplete sort, an unknown check) arrives as a new card
 * and the check stays answerable.
 */
function answered(turn: Turn, outcome: AnswerOutcome): Shown {
  if (!outcome.ok) return { card: outcome.card };
  if (turn.scope === 'personal') return { card: outcome.card, replace: true };
  const who = turn.me.displayName ?? 'a member';
  const byline = { kind: 'context' as const, text: `Answered by ${userText(who)}` };
  return { card: { ...outcome.card, blocks: [byline, ...outcome.card.blocks] }, replace: true };
}

const manager = (action: ManagerAction) =>
  on(submitValues.none, async (_v, _s, turn, deps) => ({ card: await managerAction(action, turn, deps) }));

/** Every button the bot renders, by action id; anything else is refused. */
const HANDLERS: Readonly<Record<HandledAction, Handler<z.ZodType>>> = {
  [Actions.openLesson]: on(submitValues.lesson, (v, _s, turn, deps) => ({
    card: deps.tutor.lesson(turn.me, { lessonId: v.lesson, mode: v.mode }).card,
    // "Read full" expands the member's own card; a shared card (a daily prompt) stays for the others.
    replace: v.mode === 'full' && turn.scope === 'personal',
  })),
  [Actions.startCheck]: on(submitValues.check, (v, _s, turn, deps) => ({
    card: deps.tutor.quiz(turn.me, { checkId: v.check }).card,
  })),
  [Actions.answerChoice]: on(submitValues.answer, (v, _s, turn, deps) =>
    answered(
      turn,
      deps.tutor.answer(turn.me, { checkId: v.check, nonce: v.nonce, answer: { kind: 'choice', optionId: v.option } }),
    ),
  ),
  [Actions.submitSort]: on(submitValues.sort, (v, submit, turn, deps) =>
    answered(
      turn,
      deps.tutor.answer(turn.me, {
        checkId: v.check,
        nonce: v.nonce,
        answer: { kind: 'sort', placements: submit.selections },
      }),
    ),
  ),
  [Actions.startReview]: on(submitValues.none, (_v, _s, turn, deps) => ({ card: deps.tutor.review(turn.me).card })),
  [Actions.showProgress]: on(submitValues.none, (_v, _s, turn, deps) => ({
    card: deps.tutor.progress(turn.me).card,
  })),
  [Actions.showReport]: manager('report'),
  [Actions.downloadCsv]: manager('csv'),
  [Actions.nudge]: manager('nudge'),
  [Actions.costWhatIf]: on(submitValues.whatIf, (v) => ({ card: costReply(v.q) })),
};

const outOfDate = (): Card =>
  noticeCard(
    'That card is out of date',
    'It is not one of mine, or it no longer works. Type `help` to start again.',
    'bad',
  );

/**
 * A click on an Action.Submit: Teams sends a message whose `value` is the button's data merged with
 * the card's inputs, and whose replyToId is the card's activity id. Answers are recorded once per
 * (member, check, card nonce) by the tutor, so a double click, a retried delivery or a stale card
 * never counts twice.
 */
export async function onSubmit(turn: Turn, deps: TeamsRuntimeDeps): Promise<void> {
  const submit = readSubmit(turn.ctx.activity.value);
  // Explain and Why? arrive here only from a client that cannot open dialogs (see ../client.ts).
  if (submit && isExplainAction(submit.action)) return explainInConversation(turn, deps, submit);
  const handler = submit && isHandled(submit.action) ? HANDLERS[submit.action as HandledAction] : undefined;
  const value = handler?.schema.safeParse(submit?.data ?? {});
  if (!submit || !handler || !value?.success) {
    deps.log.warn('teams.submit_refused', { reason: 'value did not validate', action: submit?.action?.slice(0, 64) });
    await sendCard(turn.ctx, outOfDate());
    return;
  }
  const shown = await handler.run(value.data, submit, turn, deps);
  if (shown.replace) await replaceCard(turn.ctx, turn.activity.replyToId, shown.card);
  else await sendCard(turn.ctx, shown.card);
}
