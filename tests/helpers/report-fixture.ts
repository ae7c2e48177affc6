import type { Catalog } from '../../src/core/content/catalog.js';
import { buildTeamReport } from '../../src/core/report/team-report.js';

/**
 * A team of `size` members with a deterministic spread of lessons read, checks passed or missed,
 * and answers at different hours: the report cards renderers must fit within their limits.
 */
export function sampleTeamReport(
  catalog: Catalog,
  size: number,
  options: { now: number; zones: readonly string[]; name: (i: number) => string },
) {
  const members = Array.from({ length: size }, (_, i) => {
    const id = i + 1;
    const answered = catalog.checks.slice(0, id % (catalog.checks.length + 1));
    return {
      id,
      name: options.name(id),
      timeZone: options.zones[i % options.zones.length] ?? 'UTC',
      lessonsRead: catalog.lessons
        .slice(0, id % 8)
        .map((l) => l.id)
        .join(','),
      checksDone: answered.map((c) => c.id).join(','),
      checksPassed: answered
        .filter((_, j) => (id + j) % 3 !== 0)
        .map((c) => c.id)
        .join(','),
      lastAttemptAt: answered.length > 0 ? options.now - (id % 4) * 43_200_000 : null,
    };
  });
  const concepts = catalog.chapters.flatMap((c) => c.meta.concepts.map((k) => ({ id: k.id, name: k.name })));
  return buildTeamReport({
    lessons: catalog.lessons.map((l) => ({ id: l.id, title: l.title })),
    checks: catalog.checks.map((c) => ({ id: c.id, title: c.title })),
    concepts,
    members,
    conceptTotals: concepts.map((c, i) => ({ conceptId: c.id, correct: (size * (i + 1)) % (size + 1), total: size })),
    now: options.now,
  });
}
