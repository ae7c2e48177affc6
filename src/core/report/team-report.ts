import { localDay } from '../time/zoned.js';

export interface ReportMember {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
}

export interface ReportAttempt {
  readonly memberId: number;
  readonly checkId: string;
  readonly correct: boolean;
  readonly attemptedAt: number;
  readonly concepts: readonly { readonly conceptId: string; readonly correct: number; readonly total: number }[];
}

export interface ReportInput {
  readonly lessons: readonly { readonly id: string; readonly title: string }[];
  readonly checks: readonly { readonly id: string; readonly title: string }[];
  readonly concepts: readonly { readonly id: string; readonly name: string }[];
  readonly members: readonly ReportMember[];
  readonly reads: readonly { readonly memberId: number; readonly lessonId: string }[];
  readonly attempts: readonly ReportAttempt[];
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
  const readBy = new Map<number, Set<string>>();
  for (const r of input.reads) {
    getOrSet(readBy, r.memberId, () => new Set()).add(r.lessonId);
  }
  const statusBy = new Map<number, Map<string, CheckStatus>>();
  // Few distinct zones, many members: compute "today" once per zone.
  const todayByZone = new Map<string, string>();
  const todayIn = (tz: string) => getOrSet(todayByZone, tz, () => localDay(input.now, tz));
  const todayOf = new Map(input.members.map((m) => [m.id, todayIn(m.timeZone)] as const));
  const doneToday = new Set<number>();
  const conceptTotals = new Map<string, { correct: number; total: number }>();
  const tzOf = new Map(input.members.map((m) => [m.id, m.timeZone] as const));
  for (const a of input.attempts) {
    const statuses = getOrSet(statusBy, a.memberId, () => new Map<string, CheckStatus>());
    if (statuses.get(a.checkId) !== 'passed') statuses.set(a.checkId, a.correct ? 'passed' : 'attempted');
    const tz = tzOf.get(a.memberId);
    // Only an attempt within a day and a half of now can fall on the member's today.
    if (
      tz &&
      Math.abs(input.now - a.attemptedAt) < 1.5 * 86_400_000 &&
      localDay(a.attemptedAt, tz) === todayOf.get(a.memberId)
    )
      doneToday.add(a.memberId);
    for (const c of a.concepts) {
      const t = conceptTotals.get(c.conceptId) ?? { correct: 0, total: 0 };
      t.correct += c.correct;
      t.total += c.total;
      conceptTotals.set(c.conceptId, t);
    }
  }
  const members: MemberRow[] = input.members.map((m) => {
    const read = readBy.get(m.id) ?? new Set<string>();
    const statuses = statusBy.get(m.id) ?? new Map<string, CheckStatus>();
    const lessons = Object.fromEntries(input.lessons.map((l) => [l.id, read.has(l.id)]));
    const checks = Object.fromEntries(input.checks.map((c) => [c.id, statuses.get(c.id) ?? 'open']));
    const values = Object.values(checks);
    return {
      memberId: m.id,
      name: m.name,
      lessons,
      checks,
      lessonsRead: input.lessons.filter((l) => read.has(l.id)).length,
      checksDone: values.filter((s) => s !== 'open').length,
      checksPassed: values.filter((s) => s === 'passed').length,
      doneToday: doneToday.has(m.id),
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
      doneToday: doneToday.size,
    },
  };
}
