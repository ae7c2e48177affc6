import { Actions } from '../../views/actions.js';
import { memberRef, type SlackDeps } from '../context.js';
import { values } from '../payloads.js';
import { show } from '../show.js';
import { onAction } from './action.js';
import type { Listeners } from './router.js';

const ids = (action: string) => new RegExp(`^${action.replace('.', '\\.')}:\\d+$`);

/** Buttons that open something new for the member: a lesson, a check, a review, their progress. */
export function registerLessonActions(app: Listeners, deps: SlackDeps): void {
  app.action(
    ids(Actions.openLesson),
    onAction(deps, values.lesson, async (t) => {
      const me = await memberRef(t.client, t.teamId, t.userId, deps);
      const r = deps.tutor.lesson(me, { lessonId: t.value.lesson, mode: t.value.mode });
      // "Read full" replaces the essentials the member is reading; other lessons arrive as new cards.
      await show(t.origin, r.card, { replace: t.value.mode === 'full', client: t.client, respond: t.respond });
    }),
  );
  app.action(
    ids(Actions.startCheck),
    onAction(deps, values.check, async (t) => {
      const me = await memberRef(t.client, t.teamId, t.userId, deps);
      await show(t.origin, deps.tutor.quiz(me, { checkId: t.value.check }).card, {
        replace: false,
        client: t.client,
        respond: t.respond,
      });
    }),
  );
  app.action(
    ids(Actions.startReview),
    onAction(deps, values.none, async (t) => {
      const me = await memberRef(t.client, t.teamId, t.userId, deps);
      await show(t.origin, deps.tutor.review(me).card, { replace: false, client: t.client, respond: t.respond });
    }),
  );
  app.action(
    ids(Actions.showProgress),
    onAction(deps, values.none, async (t) => {
      const me = await memberRef(t.client, t.teamId, t.userId, deps);
      await show(t.origin, deps.tutor.progress(me).card, { replace: false, client: t.client, respond: t.respond });
    }),
  );
}

export { ids as actionPattern };
