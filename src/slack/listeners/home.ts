import { teamReportCard } from '../../app/reports.js';
import { Actions } from '../../views/actions.js';
import { button, type Card } from '../../views/card.js';
import { isManager, memberRef, type SlackDeps } from '../context.js';
import { homeOpenedSchema } from '../payloads.js';
import { cardToHome } from '../render/blocks.js';
import type { Listeners } from './router.js';

/** App Home: the member's progress; managers also see the team at a glance with the full report a click away. */
export function registerHome(app: Listeners, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event: raw, body, client }) => {
    if (raw.tab !== 'home') return;
    const parsed = homeOpenedSchema.safeParse(body);
    if (!parsed.success) return;
    const { team_id: teamId, event } = parsed.data;
    const me = await memberRef(client, teamId, event.user, deps);
    const cards: Card[] = [deps.tutor.progress(me).card];
    if (await isManager(client, teamId, event.user, deps)) {
      const team = teamReportCard(deps.store, deps.catalog, {
        workspaceId: me.workspaceId,
        now: deps.now(),
        maxRows: 10,
      });
      cards.push({
        ...team,
        blocks: [
          ...team.blocks.filter((b) => b.kind !== 'actions'),
          { kind: 'actions', buttons: [button(Actions.showReport, 'Full report', {}, 'primary')] },
        ],
      });
    }
    await client.views.publish({ user_id: event.user, view: cardToHome(cards) });
  });
}
