import { TeamsInfo } from 'botbuilder';
import { teamReport, teamReportCard } from '../../app/reports.js';
import { localDay } from '../../core/time/zoned.js';
import { Actions } from '../../views/actions.js';
import { type Card, linkButton } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import type { TeamsRuntimeDeps, Turn } from '../context.js';
import { personalReferences } from '../conversations.js';
import { sendProactively } from '../proactive.js';
import { cardActivity } from '../reply.js';

const NUDGES_AT_ONCE = 5;

export const refusalForReport = (): Card =>
  noticeCard(
    'The team report is for managers',
    'Ask your admin to add you to TUTOR_MANAGERS. Your own progress is always here: type `progress`.',
  );

const personalOnly = (): Card =>
  noticeCard(
    'The team report',
    'The report names people, so I show it only in our personal chat: open a chat with me and type `report`.',
  );

/** The member's e-mail from Teams (GET …/members/{id}), cached briefly; undefined when Teams will not say. */
async function emailOf(turn: Turn, deps: TeamsRuntimeDeps): Promise<string | undefined> {
  const key = `${turn.workspaceId}:${turn.activity.from.id}`;
  const cached = deps.emails.get(key);
  if (cached) return cached.email;
  try {
    const member = await TeamsInfo.getMember(turn.ctx, turn.activity.from.id);
    const email = (member.email || member.userPrincipalName || '').toLowerCase() || undefined;
    deps.emails.set(key, email ? { email } : {});
    if (email) deps.tutor.member({ ...turn.me, email });
    return email;
  } catch (error) {
    deps.log.warn('teams.get_member_failed', { workspaceId: turn.workspaceId, error });
    return undefined;
  }
}

/**
 * Managers are listed in TUTOR_MANAGERS by Azure AD object id (on every activity, no lookup) or by
 * e-mail address (looked up only when the list has one). Checked on the server for every manager action.
 */
export async function isManager(turn: Turn, deps: TeamsRuntimeDeps): Promise<boolean> {
  const listed = new Set([...deps.managers].map((m) => m.toLowerCase()));
  const aad = turn.activity.from.aadObjectId?.toLowerCase();
  if (aad && listed.has(aad)) return true;
  if (![...listed].some((m) => m.includes('@'))) return false;
  const email = await emailOf(turn, deps);
  return email !== undefined && listed.has(email);
}

/** The report card, with "Download CSV" as a link that opens the short-lived download. */
function reportWithLink(turn: Turn, deps: TeamsRuntimeDeps): Card {
  const card = teamReportCard(deps.store, deps.catalog, { workspaceId: turn.workspaceId, now: deps.now() });
  const url = deps.links.create(turn.workspaceId, turn.baseUrl);
  return {
    ...card,
    blocks: card.blocks.map((b) =>
      b.kind === 'actions'
        ? {
            ...b,
            buttons: b.buttons.map((x) => (x.action === Actions.downloadCsv ? linkButton('Download CSV', url) : x)),
          }
        : b,
    ),
  };
}

async function nudge(turn: Turn, deps: TeamsRuntimeDeps): Promise<Card> {
  const { store } = deps;
  const now = deps.now();
  const report = teamReport(store, deps.catalog, turn.workspaceId, now);
  const chats = personalReferences(store, turn.workspaceId);
  const reminder = cardActivity(
    noticeCard(
      "Today's concept check is waiting",
      'Two minutes, one question: type `quiz`. Your streak will thank you.',
    ),
  );
  let sent = 0;
  let already = 0;
  let unreachable = 0;
  const sends: (() => Promise<void>)[] = [];
  for (const m of report.notDoneToday) {
    const member = store.members.get(m.memberId);
    const reference = member && chats.get(member.externalId);
    if (!member || !reference) {
      unreachable += 1; // never chatted with the bot 1:1, so Teams gives it no way to write to them
      continue;
    }
    // Once per member per local day, however many managers click.
    const day = localDay(now, member.timeZone);
    if (!store.nudges.claim(member.id, day)) {
      already += 1;
      continue;
    }
    sends.push(async () => {
      try {
        await sendProactively(turn.ctx.adapter, deps.appId, reference, reminder);
        sent += 1;
      } catch (error) {
        unreachable += 1;
        // Not delivered, so not "nudged": a later click may try this member again.
        store.nudges.release(member.id, day);
        deps.log.warn('teams.nudge_failed', { workspaceId: turn.workspaceId, memberId: member.id, error });
      }
    });
  }
  // A few at a time: each goes to its own chat, and the manager's click waits for all of them.
  for (let i = 0; i < sends.length; i += NUDGES_AT_ONCE)
    await Promise.all(sends.slice(i, i + NUDGES_AT_ONCE).map((f) => f()));
  const parts = [`Nudged ${sent} member${sent === 1 ? '' : 's'}.`];
  if (already > 0) parts.push(`${already} had been nudged today already.`);
  if (unreachable > 0)
    parts.push(
      `${unreachable} could not be reached: they have no personal chat with me yet (or it failed). Ask them to say hi to me once.`,
    );
  return noticeCard('Nudges sent', parts.join(' '), 'good');
}

export type ManagerAction = 'report' | 'csv' | 'nudge';

/** `report`, and the report card's buttons. Non-managers get a polite refusal and nothing else. */
export async function managerAction(action: ManagerAction, turn: Turn, deps: TeamsRuntimeDeps): Promise<Card> {
  if (!(await isManager(turn, deps))) {
    deps.log.warn('teams.manager_refused', { workspaceId: turn.workspaceId, action });
    return refusalForReport();
  }
  if (action === 'nudge') return nudge(turn, deps);
  if (turn.scope !== 'personal') return personalOnly();
  deps.tutor.member(turn.me);
  if (action === 'report') return reportWithLink(turn, deps);
  const url = deps.links.create(turn.workspaceId, turn.baseUrl);
  return {
    summary: 'The team report as CSV',
    blocks: [
      { kind: 'header', title: 'The team report as CSV' },
      { kind: 'text', text: 'One row per member. The link works for ten minutes; ask again for a fresh one.' },
      { kind: 'actions', buttons: [linkButton('Download CSV', url)] },
    ],
  };
}
