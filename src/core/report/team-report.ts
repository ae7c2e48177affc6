import { localDay } from '../time/zoned.js';

/** A member and where they stand: ids of lessons read, checks answered, checks answered right. */
export interface ReportMember {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  readonly lessonsRead: readonly string[];
  readonly checksDone: readonly string[];
  readonly checksPassed: readonly string[];
  /** When they last answered any check, or null if never. */
  readonly lastAttemptAt: number | null;
}

export interface ReportInput {
  readonly lessons: readonly { readonly id: string; readonly title: string }[];
  readonly checks: readonly { readonly id: string; readonly title: string }[];
  readonly concepts: readonly { readonly id: string; readonly name: string }[];
  readonly members: readonly ReportMember[];
  /** Right answers out of all answers per concept, summed over the team. */
  readonly conceptTotals: readonly { readonly conceptId: string; readonly correct: number; readonly total: number }[];
  readonly now: number;
}

export type CheckStatus = 'passed' | 'attempted' | 'open';

export interface MemberRow {
  readonly memberId: number;
  readonly name: string;
  /** lessonId → read */
  readonly lessons: Readonly<Record<string, boolean>>;
  /** checkId → best status so far */
  readonly checks: Readonly<Record<string, CheckStatus>>;
  readonly lessonsRead: number;
  readonly checksDone: number;
  readonly checksPassed: number;
  /** Answered any check today, in the member's own time zone. */
  readonly doneToday: boolean;
}

export interface ConceptAccuracy {
  readonly conceptId: string;
  readonly name: string;
  readonly correct: number;
  readonly total: number;
  /** 0–100, rounded; undefined when nobody has answered yet. */
  readonly percent: number | undefined;
}

export interface TeamReport {
  readonly lessons: ReportInput['lessons'];
  readonly checks: ReportInput['checks'];
  readonly members: readonly MemberRow[];
  /** Weakest first, so a manager sees what the team gets wrong at the top. */
  readonly concepts: readonly ConceptAccuracy[];
  readonly notDoneToday: readonly { readonly memberId: number; readonly name: string }[];
  readonly totals: {
    readonly members: number;
    readonly finishedAllLessons: number;
    readonly finishedAllChecks: number;
    readonly doneToday: number;
  };
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Completion per member, accuracy per concept across the team, and who has not done today's check. */
export function buildTeamReport(input: ReportInput): TeamReport {
  // Few distinct zones, many members: compute "today" once per zone.
  const todayByZone = new Map<string, string>();
  const todayIn = (tz: string) => getOrSet(todayByZone, tz, () => localDay(input.now, tz));
  // Only an attempt within a day and a half of now can fall on the member's today.
  const answeredToday = (m: ReportMember) =>
    m.lastAttemptAt !== null &&
    Math.abs(input.now - m.lastAttemptAt) < 1.5 * 86_400_000 &&
    localDay(m.lastAttemptAt, m.timeZone) === todayIn(m.timeZone);
  const conceptTotals = new Map(input.conceptTotals.map((c) => [c.conceptId, c] as const));
  const members: MemberRow[] = input.members.map((m) => {
    const read = new Set(m.lessonsRead);
    const done = new Set(m.checksDone);
    const passed = new Set(m.checksPassed);
    const status = (id: string): CheckStatus => (passed.has(id) ? 'passed' : done.has(id) ? 'attempted' : 'open');
    const checks = Object.fromEntries(input.checks.map((c) => [c.id, status(c.id)]));
    return {
      memberId: m.id,
      name: m.name,
      lessons: Object.fromEntries(input.lessons.map((l) => [l.id, read.has(l.id)])),
      checks,
      lessonsRead: input.lessons.filter((l) => read.has(l.id)).length,
      checksDone: input.checks.filter((c) => done.has(c.id) || passed.has(c.id)).length,
      checksPassed: input.checks.filter((c) => passed.has(c.id)).length,
      doneToday: answeredToday(m),
    };
  });
  const concepts = input.concepts
    .map((c) => {
      const t = conceptTotals.get(c.id) ?? { correct: 0, total: 0 };
      const percent = t.total > 0 ? Math.round((100 * t.correct) / t.total) : undefined;
      return { conceptId: c.id, name: c.name, correct: t.correct, total: t.total, percent };
    })
    .sort((a, b) => (a.percent ?? 101) - (b.percent ?? 101) || a.name.localeCompare(b.name));
  return {
    lessons: input.lessons,
    checks: input.checks,
    members,
    concepts,
    notDoneToday: members.filter((m) => !m.doneToday).map((m) => ({ memberId: m.memberId, name: m.name })),
    totals: {
      members: members.length,
      finishedAllLessons: members.filter((m) => m.lessonsRead === input.lessons.length).length,
      finishedAllChecks: members.filter((m) => m.checksDone === input.checks.length).length,
      doneToday: members.filter((m) => m.doneToday).length,
    },
  };
}
