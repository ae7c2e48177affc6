import { addDays, localDay, startOfLocalDay } from '../time/zoned.js';

/**
 * Ids joined by commas (`3.1,3.2`; empty for none), as the progress roll-up keeps them. Splitting
 * every member's three lists into arrays was a third of a 10,000-member report's time.
 */
export type IdList = string;

/** Whether `id` is one of the ids in `list`, found in place (no substrings made). */
export function hasId(list: IdList, id: string): boolean {
  if (id === '') return false;
  for (let at = list.indexOf(id); at !== -1; at = list.indexOf(id, at + 1)) {
    const end = at + id.length;
    const COMMA = 44;
    if ((at === 0 || list.charCodeAt(at - 1) === COMMA) && (end === list.length || list.charCodeAt(end) === COMMA))
      return true;
  }
  return false;
}

/** A member and where they stand: ids of lessons read, checks answered, checks answered right. */
export interface ReportMember {
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  readonly lessonsRead: IdList;
  readonly checksDone: IdList;
  readonly checksPassed: IdList;
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
  // Few distinct zones, many members: find each zone's "today" as a range of instants once, then
  // a member's last answer is compared as a number instead of being formatted in their zone.
  const todayByZone = new Map<string, readonly [number, number]>();
  const todayIn = (tz: string) =>
    getOrSet(todayByZone, tz, () => {
      const day = localDay(input.now, tz);
      return [startOfLocalDay(day, tz), startOfLocalDay(addDays(day, 1), tz)] as const;
    });
  const answeredToday = (m: ReportMember) => {
    if (m.lastAttemptAt === null) return false;
    const [start, end] = todayIn(m.timeZone);
    return m.lastAttemptAt >= start && m.lastAttemptAt < end;
  };
  const conceptTotals = new Map(input.conceptTotals.map((c) => [c.conceptId, c] as const));
  const lessonIds = input.lessons.map((l) => l.id);
  const checkIds = input.checks.map((c) => c.id);
  // Plain loops over a handful of ids: this runs for every member of teams of thousands.
  const members: MemberRow[] = input.members.map((m) => {
    const lessons: Record<string, boolean> = {};
    let lessonsRead = 0;
    for (const id of lessonIds) {
      const read = hasId(m.lessonsRead, id);
      lessons[id] = read;
      if (read) lessonsRead += 1;
    }
    const checks: Record<string, CheckStatus> = {};
    let checksDone = 0;
    let checksPassed = 0;
    for (const id of checkIds) {
      const status: CheckStatus = hasId(m.checksPassed, id) ? 'passed' : hasId(m.checksDone, id) ? 'attempted' : 'open';
      checks[id] = status;
      if (status !== 'open') checksDone += 1;
      if (status === 'passed') checksPassed += 1;
    }
    return {
      memberId: m.id,
      name: m.name,
      lessons,
      checks,
      lessonsRead,
      checksDone,
      checksPassed,
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
