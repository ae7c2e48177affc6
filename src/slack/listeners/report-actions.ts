import { teamReport, teamReportCard, teamReportCsv } from '../../app/reports.js';
import { localDay } from '../../core/time/zoned.js';
import { Actions } from '../../views/actions.js';
import { noticeCard } from '../../views/notice.js';
import { isManager, type SlackDeps, workspaceIdOf } from '../context.js';
import { refusalForReport } from '../intents.js';
import { values } from '../payloads.js';
import { sendToDm, show } from '../show.js';
import { type ActionTurn, onAction } from './action.js';
import { actionPattern } from './lesson-actions.js';
import { servedOnce } from './replay.js';
import type { Listeners } from './router.js';

const NUDGE = noticeCard(
  "Today's concept check is waiting",
  'Two minutes, one question: `/tutor quiz`. Your streak will thank you.',
);

/** Manager actions: every one checks, on the server, that the clicker is a manager right now. */
export function registerReportActions(app: Listeners, deps: SlackDeps): void {
  const managerOnly =
    (handle: (t: ActionTurn<object>, workspaceId: string) => Promise<void>) => async (t: ActionTurn<object>) => {
      if (!(await isManager(t.client, t.teamId, t.userId, deps))) {
        deps.log.warn('slack.manager_refused', { teamId: t.teamId, userId: t.userId });
        await show(t.origin, refusalForReport(), { replace: false, client: t.client, respond: t.respond });
        return;
      }
      await handle(t, workspaceIdOf(t.teamId));
    };

  app.action(
    actionPattern(Actions.showReport),
    servedOnce(
      deps,
      onAction(
        deps,
        values.none,
        managerOnly(async (t, ws) => {
          await show(
            t.origin,
            teamReportCard(deps.store, deps.catalog, {
              workspaceId: ws,
              now: deps.now(),
              explanations: deps.explainer.stats(ws),
            }),
            {
              replace: false,
              client: t.client,
              respond: t.respond,
            },
          );
        }),
      ),
    ),
  );

  app.action(
    actionPattern(Actions.downloadCsv),
    servedOnce(
      deps,
      onAction(
        deps,
        values.none,
        managerOnly(async (t, ws) => {
          const csv = teamReportCsv(deps.store, deps.catalog, ws, deps.now());
          const opened = await t.client.conversations.open({ users: t.userId });
          const channel = opened.channel?.id;
          if (!channel) throw new Error('conversations.open returned no channel');
          const day = new Date(deps.now()).toISOString().slice(0, 10);
          await t.client.files.uploadV2({
            channel_id: channel,
            content: csv,
            filename: `team-report-${day}.csv`,
            title: `Team report ${day}`,
            initial_comment: 'The team report as CSV: one row per member.',
          });
          await show(t.origin, noticeCard('CSV sent', 'The report is in your DM with me.', 'good'), {
            replace: false,
            client: t.client,
            respond: t.respond,
          });
        }),
      ),
    ),
  );

  app.action(
    actionPattern(Actions.nudge),
    servedOnce(
      deps,
      onAction(
        deps,
        values.none,
        managerOnly(async (t, ws) => {
          const report = teamReport(deps.store, deps.catalog, ws, deps.now());
          let sent = 0;
          let already = 0;
          let failed = 0;
          for (const m of report.notDoneToday) {
            const member = deps.store.members.get(m.memberId);
            if (!member) continue;
            const day = localDay(deps.now(), member.timeZone);
            // Once per member per local day, however many managers click.
            if (!deps.store.nudges.claim(member.id, day)) {
              already += 1;
              continue;
            }
            // Each member's DM fails on its own: the others are still nudged, and a member whose DM
            // failed is not left marked "nudged" without a message.
            try {
              await sendToDm(t.client, member.externalId, NUDGE);
              sent += 1;
            } catch (error) {
              failed += 1;
              deps.store.nudges.release(member.id, day);
              deps.log.warn('slack.nudge_failed', { memberId: member.id, error });
            }
          }
          const parts = [`Nudged ${sent} member${sent === 1 ? '' : 's'}`];
          if (already > 0) parts.push(`${already} had been nudged today already`);
          if (failed > 0) parts.push(`${failed} could not be reached (try again later)`);
          const text = `${parts.join('; ')}.`;
          await show(t.origin, noticeCard('Nudges sent', text, 'good'), {
            replace: false,
            client: t.client,
            respond: t.respond,
          });
        }),
      ),
    ),
  );
}
