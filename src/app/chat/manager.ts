/**
 * The manager's flows: the team report (with the explanation figures), its CSV, and the nudge.
 * Every one checks on the server, on every request, that the member is a manager now.
 */
import { localDay } from '../../core/time/zoned.js';
import { Actions } from '../../views/actions.js';
import { type Card, linkButton } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import { teamReport, teamReportCard, teamReportCsv } from '../reports.js';
import type { Conversation } from './conversation.js';
import type { ChatDeps } from './deps.js';
import { type Reply, toMember } from './reply.js';

/** DMs sent at once by a nudge: each goes to its own conversation, and the click waits for all. */
const NUDGES_AT_ONCE = 5;

export const reportRefusal = (conv: Pick<Conversation, 'surface'>): Card =>
  noticeCard(
    'The team report is for managers',
    `Ask a workspace admin to add you to TUTOR_MANAGERS. Your own progress is always here: \`${conv.surface.tutor}progress\`.`,
  );

const namesPeopleOnlyPrivately = (conv: Conversation): Card =>
  noticeCard(
    'The team report',
    `The report names people, so I show it only where just you can see it: open a chat with me and type \`${conv.surface.tutor}report\`.`,
  );

export type ManagerAction = 'report' | 'csv' | 'nudge';

/** `report` and the report card's buttons. A member who is not a manager gets a refusal and nothing else. */
export async function managerReply(action: ManagerAction, conv: Conversation, deps: ChatDeps): Promise<Reply> {
  if (!(await conv.isManager())) {
    deps.log.warn('chat.manager_refused', { workspaceId: conv.workspaceId, action });
    return toMember(reportRefusal(conv));
  }
  if (action === 'nudge') return toMember(await nudge(conv, deps));
  if (conv.place.kind === 'shared' && !conv.whispers) return toMember(namesPeopleOnlyPrivately(conv));
  await deps.tutor.member(await conv.member());
  return toMember(action === 'report' ? await reportFor(conv, deps) : await csvFor(conv, deps));
}

/** The report card; where the CSV is a link, "Download CSV" opens it. */
export async function reportFor(conv: Conversation, deps: ChatDeps, maxRows = 25): Promise<Card> {
  const card = await teamReportCard(deps.store, deps.catalog, {
    workspaceId: conv.workspaceId,
    now: deps.now(),
    maxRows,
    explanations: await deps.explainer.stats(conv.workspaceId),
  });
  const csv = conv.csv;
  if (csv?.kind !== 'link') return card;
  const url = await csv.url();
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

async function csvFor(conv: Conversation, deps: ChatDeps): Promise<Card> {
  const csv = conv.csv;
  if (!csv)
    return noticeCard('The team report as CSV', 'This surface cannot send files; the report card has every figure.');
  if (csv.kind === 'link')
    return {
      summary: 'The team report as CSV',
      blocks: [
        { kind: 'header', title: 'The team report as CSV' },
        { kind: 'text', text: 'One row per member. The link works for ten minutes; ask again for a fresh one.' },
        { kind: 'actions', buttons: [linkButton('Download CSV', await csv.url())] },
      ],
    };
  const now = deps.now();
  const day = new Date(now).toISOString().slice(0, 10);
  await csv.send({
    name: `team-report-${day}.csv`,
    title: `Team report ${day}`,
    content: await teamReportCsv(deps.store, deps.catalog, conv.workspaceId, now),
  });
  return noticeCard('CSV sent', 'The report is in your DM with me.', 'good');
}

const nudgeCard = (conv: Conversation): Card =>
  noticeCard(
    "Today's concept check is waiting",
    `Two minutes, one question: \`${conv.surface.tutor}quiz\`. Your streak will thank you.`,
  );

export interface NudgeResult {
  readonly sent: number;
  readonly already: number;
  readonly unreachable: number;
  readonly failed: number;
}

/**
 * DMs every member who has not done a check today, once per member per local day however many
 * managers click. Each DM succeeds or fails on its own: one failure never stops the rest, and a
 * member whose DM did not go is not left marked "nudged".
 */
export async function nudgeMembers(conv: Conversation, deps: ChatDeps): Promise<NudgeResult> {
  const { store } = deps;
  const now = deps.now();
  const report = await teamReport(store, deps.catalog, conv.workspaceId, now);
  const card = nudgeCard(conv);
  const counts = { sent: 0, already: 0, unreachable: 0, failed: 0 };
  const sends: (() => Promise<void>)[] = [];
  for (const m of report.notDoneToday) {
    const member = await store.members.get(m.memberId);
    if (!member) continue;
    const day = localDay(now, member.timeZone);
    if (!(await store.nudges.claim(member.id, day))) {
      counts.already += 1;
      continue;
    }
    sends.push(async () => {
      const result = await conv.dm(member.externalId, card).catch((error: unknown) => {
        deps.log.warn('chat.nudge_failed', { workspaceId: conv.workspaceId, memberId: member.id, error });
        return 'failed' as const;
      });
      counts[result] += 1;
      if (result === 'sent') await store.nudges.markSent(member.id, day);
      else await store.nudges.release(member.id, day);
    });
  }
  for (let i = 0; i < sends.length; i += NUDGES_AT_ONCE)
    await Promise.all(sends.slice(i, i + NUDGES_AT_ONCE).map((send) => send()));
  return counts;
}

async function nudge(conv: Conversation, deps: ChatDeps): Promise<Card> {
  const r = await nudgeMembers(conv, deps);
  const parts = [`Nudged ${r.sent} member${r.sent === 1 ? '' : 's'}.`];
  if (r.already > 0) parts.push(`${r.already} had been nudged today already.`);
  if (r.unreachable > 0)
    parts.push(
      `${r.unreachable} could not be reached: they have no private chat with me yet. Ask them to say hi to me once.`,
    );
  if (r.failed > 0) parts.push(`${r.failed} could not be sent just now: click again later to retry them.`);
  return noticeCard('Nudges sent', parts.join(' '), r.failed > 0 ? 'attention' : 'good');
}
