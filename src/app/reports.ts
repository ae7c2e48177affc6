import type { Catalog } from '../core/content/catalog.js';
import { reportCsv } from '../core/report/csv.js';
import { buildTeamReport, type TeamReport } from '../core/report/team-report.js';
import type { Store } from '../store/index.js';
import type { Card } from '../views/card.js';
import { type PersonalStandings, type ReportViewOptions, reportCard } from '../views/report.js';
import { personalStandings } from './enrolment.js';

/**
 * The team report for one workspace. Authorisation is the caller's job and happens on the server
 * before this runs: only managers reach it.
 */
export async function teamReport(
  store: Store,
  catalog: Catalog,
  workspaceId: string,
  now: number,
): Promise<TeamReport> {
  const summary = await store.progress.teamSummary(workspaceId);
  return buildTeamReport({
    lessons: catalog.lessons.map((l) => ({ id: l.id, title: l.title })),
    checks: catalog.checks.map((c) => ({ id: c.id, title: c.title })),
    concepts: catalog.chapters.flatMap((c) => c.meta.concepts.map((k) => ({ id: k.id, name: k.name }))),
    members: summary.members.map((m) => ({
      id: m.id,
      name: m.displayName || m.externalId,
      timeZone: m.timeZone,
      lessonsRead: m.lessonsRead,
      checksDone: m.checksDone,
      checksPassed: m.checksPassed,
      lastAttemptAt: m.lastAttemptAt,
    })),
    conceptTotals: summary.concepts,
    now,
  });
}

export async function showScores(store: Store, workspaceId: string): Promise<boolean> {
  return (await store.workspaces.get(workspaceId))?.settings.showScores === true;
}

export interface ReportCardOptions {
  readonly workspaceId: string;
  readonly now: number;
  /** Members listed before "and n more" (the Home tab shows fewer). */
  readonly maxRows?: number;
  /** The explainer's figures (served, cache hit rate, spend). */
  readonly explanations?: ReportViewOptions['explanations'];
}

export async function teamReportCard(store: Store, catalog: Catalog, options: ReportCardOptions): Promise<Card> {
  const { workspaceId, now, maxRows = 25, explanations } = options;
  const weekAgo = new Date(now - 7 * 86_400_000).toISOString().slice(0, 10);
  const report = await teamReport(store, catalog, workspaceId, now);
  return reportCard(report, {
    maxRows,
    showScores: await showScores(store, workspaceId),
    failedDeliveries: await store.deliveries.failures(workspaceId, weekAgo),
    personal: await personalByStanding(store, workspaceId, report),
    ...(explanations ? { explanations } : {}),
  });
}

/** Who has personal lessons by DM, by where they stand, with the names the report shows. */
async function personalByStanding(store: Store, workspaceId: string, report: TeamReport): Promise<PersonalStandings> {
  const names = new Map(report.members.map((m) => [m.memberId, m.name]));
  const out: Record<keyof PersonalStandings, { name: string }[]> = {
    'on-time': [],
    behind: [],
    'opted-out': [],
    unreachable: [],
  };
  for (const s of await personalStandings(store, workspaceId))
    if (s.standing in out)
      out[s.standing as keyof PersonalStandings].push({ name: names.get(s.memberId) ?? s.externalId });
  return out;
}

export async function teamReportCsv(store: Store, catalog: Catalog, workspaceId: string, now: number): Promise<string> {
  return reportCsv(await teamReport(store, catalog, workspaceId, now), {
    showScores: await showScores(store, workspaceId),
  });
}
