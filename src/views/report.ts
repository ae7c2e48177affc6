import type { TeamReport } from '../core/report/team-report.js';
import { Actions } from './actions.js';
import { type Block, button, type Card, userText } from './card.js';

export interface ReportViewOptions {
  /** How many member rows to list before pointing to the CSV (messages have size limits). */
  readonly maxRows: number;
  readonly showScores: boolean;
  /** Today's plain-English explanations, for the budget the chapter itself teaches about. */
  readonly explanations?: {
    readonly served: number;
    readonly cacheHits: number;
    readonly apiCalls: number;
    readonly spendUsd: number;
    readonly budgetUsd: number;
  };
  readonly personal?: PersonalStandings;
  /** Daily lessons that could not be delivered lately, so a manager can fix the channel. */
  readonly failedDeliveries?: readonly {
    readonly target: string;
    readonly localDay: string;
    readonly attempts: number;
    readonly lastError: string | null;
  }[];
}

/** Members with personal lessons by DM, by where they stand (finished or off ones are not listed). */
export type PersonalStandings = Readonly<
  Record<'on-time' | 'behind' | 'opted-out' | 'unreachable', readonly { readonly name: string }[]>
>;

const names = (list: readonly { name: string }[], max: number) => {
  const shown = list.slice(0, max).map((m) => userText(m.name));
  const rest = list.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
};

/** The manager's team report: totals, weakest concepts first, who has not done today's check. */
export function reportCard(report: TeamReport, options: ReportViewOptions): Card {
  const { totals } = report;
  const answered = report.concepts.filter((c) => c.percent !== undefined);
  const blocks: Block[] = [
    { kind: 'header', title: 'Team report', subtitle: `${totals.members} member${totals.members === 1 ? '' : 's'}` },
    {
      kind: 'fields',
      fields: [
        { label: 'Read every lesson', value: `${totals.finishedAllLessons} of ${totals.members}` },
        { label: 'Did every check', value: `${totals.finishedAllChecks} of ${totals.members}` },
        { label: "Did today's check", value: `${totals.doneToday} of ${totals.members}` },
      ],
    },
    {
      kind: 'text',
      text: `**Accuracy per concept** (weakest first)\n${
        answered.length > 0
          ? answered
              .slice(0, 12)
              .map((c) => `${c.percent}% ${c.name} (${c.correct}/${c.total})`)
              .join('\n')
          : 'No answers yet.'
      }`,
    },
    {
      kind: 'text',
      text:
        report.notDoneToday.length > 0
          ? `**Not done today's check (${report.notDoneToday.length})**\n${names(report.notDoneToday, 40)}`
          : "**Everyone has done today's check.**",
    },
  ];
  const rows = report.members.slice(0, options.maxRows);
  if (rows.length > 0) {
    const lines = rows.map((m) => {
      const checks = options.showScores ? `${m.checksPassed} passed, ${m.checksDone} done` : `${m.checksDone} done`;
      return `${userText(m.name)}: ${m.lessonsRead}/${report.lessons.length} lessons · ${checks} of ${report.checks.length} checks`;
    });
    const more = report.members.length - rows.length;
    blocks.push({
      kind: 'text',
      text: `**Completion**\n${lines.join('\n')}${more > 0 ? `\n…and ${more} more in the CSV` : ''}`,
    });
  }
  const e = options.explanations;
  if (e && e.served > 0) {
    const hitRate = Math.round((100 * e.cacheHits) / e.served);
    blocks.push({
      kind: 'context',
      text: `Explanations today: ${e.served} served, ${hitRate}% from the cache, ${e.apiCalls} AI call${e.apiCalls === 1 ? '' : 's'}, $${e.spendUsd.toFixed(4)} of the $${e.budgetUsd.toFixed(2)} daily budget`,
    });
  }
  const p = options.personal;
  if (p && Object.values(p).some((list) => list.length > 0)) {
    const group = (label: string, list: readonly { name: string }[]) =>
      list.length > 0 ? [`${label} (${list.length}): ${names(list, 20)}`] : [];
    blocks.push({
      kind: 'text',
      text: `**Daily lessons by direct message**\n${[
        `On time: ${p['on-time'].length}`,
        ...group('Behind', p.behind),
        ...group('Opted out', p['opted-out']),
        ...group('Cannot be reached', p.unreachable),
      ].join('\n')}`,
    });
  }
  const failed = options.failedDeliveries ?? [];
  if (failed.length > 0)
    blocks.push({
      kind: 'text',
      tone: 'attention',
      text: `**Daily lessons not delivered (${failed.length})**\n${failed
        .slice(0, 10)
        .map(
          (f) =>
            `• ${userText(f.target)} on ${f.localDay}: ${userText((f.lastError ?? 'unknown error').slice(0, 120))} (${f.attempts} attempt${f.attempts === 1 ? '' : 's'})`,
        )
        .join('\n')}`,
    });
  const buttons = [button(Actions.downloadCsv, 'Download CSV')];
  if (report.notDoneToday.length > 0)
    buttons.push(button(Actions.nudge, `Nudge ${report.notDoneToday.length}`, {}, 'primary'));
  blocks.push({ kind: 'actions', buttons });
  return { summary: `Team report: ${totals.doneToday} of ${totals.members} did today's check`, blocks };
}
