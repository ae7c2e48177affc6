/**
 * One table of actions: each action id of the registry (views/actions.ts) maps to the zod schema of
 * its button's value and its one handler, and the compiler checks the table is complete. A platform
 * decodes a click into (action id, raw value, form selections) and calls `runAction`.
 */
import type { z } from 'zod';
import { type ActionId, Actions, isActionId } from '../../views/actions.js';
import { userText } from '../../views/card.js';
import { PICK_SELECT_ID } from '../../views/explain.js';
import { noticeCard } from '../../views/notice.js';
import { MY_DAILY_FORM } from '../../views/personal.js';
import type { AnswerOutcome } from '../tutor.js';
import type { Conversation } from './conversation.js';
import { costReply } from './cost.js';
import type { ChatDeps } from './deps.js';
import { explainCarried, explainLesson, explainPicked, explainWhy } from './explain.js';
import { type ManagerAction, managerReply } from './manager.js';
import { myDailyReply } from './personal.js';
import { inPlace, type Reply, toMember } from './reply.js';
import { values } from './values.js';

export interface ActionInput<V> {
  readonly value: V;
  /** What the card's selects held when it was submitted, by select id. */
  readonly selections: Readonly<Record<string, string>>;
  readonly conv: Conversation;
  readonly deps: ChatDeps;
}

export interface ActionHandler<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  run(input: ActionInput<z.infer<S>>): Promise<Reply> | Reply;
  /**
   * Records an answer and calls no platform: a platform that can (Slack) acknowledges only after it
   * returns, so an acknowledged answer is on disk.
   */
  readonly durable?: boolean;
  /** A manager action: a platform that can tell a replayed request (Slack's signature) serves it once. */
  readonly manager?: boolean;
}

const on = <S extends z.ZodType>(schema: S, run: ActionHandler<S>['run'], extra: Partial<ActionHandler> = {}) =>
  ({ schema, run, ...extra }) as ActionHandler;

/**
 * An answer replaces the member's check in place. Where everyone there sees that card (a Teams
 * channel), it says whose answer it shows. A refusal (an incomplete sort) is a new card, and the
 * check stays answerable.
 */
function answered(conv: Conversation, outcome: AnswerOutcome): Reply {
  if (!outcome.ok) return toMember(outcome.card);
  if (conv.place.kind === 'private' || conv.whispers) return inPlace(outcome.card);
  const who = conv.knownMember().displayName ?? 'a member';
  const byline = { kind: 'context' as const, text: `Answered by ${userText(who)}` };
  return inPlace({ ...outcome.card, blocks: [byline, ...outcome.card.blocks] });
}

const manager = (action: ManagerAction) =>
  on(values.none, ({ conv, deps }) => managerReply(action, conv, deps), { manager: true });

export const ACTIONS: Readonly<Record<ActionId, ActionHandler>> = {
  [Actions.openLesson]: on(values.lesson, async ({ value, conv, deps }) => {
    const { card } = await deps.tutor.lesson(await conv.member(), { lessonId: value.lesson, mode: value.mode });
    // "Read full" expands the member's own card; a shared one (a daily prompt) stays for the others.
    return value.mode === 'full' ? inPlace(card, 'private') : toMember(card);
  }),
  [Actions.startCheck]: on(values.check, async ({ value, conv, deps }) =>
    toMember((await deps.tutor.quiz(await conv.member(), { checkId: value.check })).card),
  ),
  [Actions.answerChoice]: on(
    values.answer,
    async ({ value, conv, deps }) =>
      answered(
        conv,
        await deps.tutor.answer(conv.knownMember(), {
          checkId: value.check,
          nonce: value.nonce,
          answer: { kind: 'choice', optionId: value.option },
        }),
      ),
    { durable: true },
  ),
  [Actions.submitSort]: on(
    values.sort,
    async ({ value, selections, conv, deps }) =>
      answered(
        conv,
        await deps.tutor.answer(conv.knownMember(), {
          checkId: value.check,
          nonce: value.nonce,
          answer: { kind: 'sort', placements: selections },
        }),
      ),
    { durable: true },
  ),
  [Actions.startReview]: on(values.none, async ({ conv, deps }) =>
    toMember((await deps.tutor.review(await conv.member())).card),
  ),
  [Actions.showProgress]: on(values.none, async ({ conv, deps }) =>
    toMember((await deps.tutor.progress(await conv.member())).card),
  ),
  [Actions.showReport]: manager('report'),
  [Actions.downloadCsv]: manager('csv'),
  [Actions.nudge]: manager('nudge'),
  [Actions.costWhatIf]: on(values.whatIf, ({ value, conv, deps }) => costReply(value.q, conv, deps)),
  [Actions.explainLesson]: on(values.explainLesson, ({ value, conv, deps }) => explainLesson(value.lesson, conv, deps)),
  [Actions.explainWhy]: on(values.check, ({ value, conv, deps }) =>
    explainWhy(deps.catalog.check(value.check), conv, deps),
  ),
  [Actions.explainText]: on(values.explainText, ({ value, conv, deps }) => explainCarried(value.s, conv, deps)),
  // The Home's toggle says what `daily me …` would: a time and days, or off (checked by its parser).
  [Actions.setMyDaily]: on(values.none, ({ selections, conv, deps }) => {
    const time = selections[MY_DAILY_FORM.time] ?? 'off';
    const args = time === 'off' ? 'off' : `${time} ${selections[MY_DAILY_FORM.days] ?? 'weekdays'}`;
    return myDailyReply(args, conv, deps);
  }),
  [Actions.pickSentence]: on(values.pick, ({ value, selections, conv, deps }) =>
    explainPicked({ session: value.session, choice: selections[PICK_SELECT_ID] ?? value.pick }, conv, deps),
  ),
};

export const outOfDate = (conv: Pick<Conversation, 'surface'>): Reply =>
  toMember(
    noticeCard(
      'That card is out of date',
      `It is not one of mine, or it no longer works. Try \`${conv.surface.tutor}help\` for a fresh start.`,
      'bad',
    ),
  );

/** The handler for an action id from a payload, or undefined when it is not one of ours. */
export const actionFor = (action: string): ActionHandler | undefined =>
  isActionId(action) ? ACTIONS[action] : undefined;

/**
 * Runs a click: the value is validated against its action's schema first; anything that does not
 * fit (a forged value, an old card) is logged without its contents and answered "out of date".
 */
export async function runAction(
  click: { action: string; value: unknown; selections?: Readonly<Record<string, string>> },
  conv: Conversation,
  deps: ChatDeps,
): Promise<Reply> {
  const handler = actionFor(click.action);
  const value = handler?.schema.safeParse(click.value ?? {});
  if (!handler || !value?.success) {
    deps.log.warn('chat.action_refused', { reason: 'value did not validate', action: click.action.slice(0, 64) });
    return outOfDate(conv);
  }
  return handler.run({ value: value.data, selections: click.selections ?? {}, conv, deps });
}
