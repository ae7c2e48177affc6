/**
 * Data for the store benchmark: members, and the attempts the app itself would record (graded by
 * the real grader, so answers, results and per-concept roll-ups have their real shape and size).
 */
import type { Check } from '../../src/core/content/schema.js';
import { type Answer, attemptKey, grade } from '../../src/core/quiz/grade.js';
import type { Db, NewAttempt, Store } from '../../src/store/index.js';

export const WS = 'slack:T1';

/** An answer to `check`: right for about two members in three, wrong otherwise. */
function answerFor(check: Check, n: number): Answer {
  const right = n % 3 !== 0;
  if (check.kind === 'choice') {
    const option = check.options.find((o) => o.correct === right) ?? check.options[0];
    return { kind: 'choice', optionId: option?.id ?? '' };
  }
  const other = (c: string) => check.categories.find((k) => k.id !== c)?.id ?? c;
  const placements = Object.fromEntries(
    check.items.map((it, i) => [it.id, right || i > 0 ? it.answer : other(it.answer)]),
  );
  return { kind: 'sort', placements };
}

/** The attempt the app would record for member `memberId` (n-th) answering `check`. */
export function attemptOf(check: Check, memberId: number, n: number, at: number): NewAttempt {
  const answers = answerFor(check, n);
  const graded = grade(check, answers);
  if (!graded.ok) throw new Error(`bench answer did not grade: ${graded.error.message}`);
  const g = graded.grade;
  return {
    memberId,
    checkId: check.id,
    idempotencyKey: attemptKey(`${WS}:U${memberId}`, check.id, `nonce-${n}`),
    answers,
    results: g,
    score: g.score,
    total: g.total,
    correct: g.correct,
    at,
    localDay: new Date(at).toISOString().slice(0, 10),
    concepts: g.concepts,
  };
}

export async function seedMembers(store: Store, count: number): Promise<number[]> {
  await store.workspaces.ensure({ id: WS, platform: 'slack' });
  return store.transaction(async () => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++)
      ids.push((await store.members.ensure({ workspaceId: WS, externalId: `U${i}`, displayName: `Member ${i}` })).id);
    return ids;
  });
}

/** A table with quiz_attempts' exact definition (read back from the schema), and its index. */
export function bareTable(db: Db): (a: NewAttempt) => void {
  const ddl = (name: string) =>
    (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string) ?? '';
  db.exec(ddl('quiz_attempts').replace(/CREATE TABLE\s+"?quiz_attempts"?/, 'CREATE TABLE bare_attempts'));
  db.exec(
    ddl('quiz_attempts_member').replace(
      /quiz_attempts_member ON "?quiz_attempts"?/,
      'bare_attempts_member ON bare_attempts',
    ),
  );
  const insert = db.prepare(
    `INSERT INTO bare_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct, attempted_at, local_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (a) => {
    insert.run(
      a.memberId,
      a.checkId,
      a.idempotencyKey,
      JSON.stringify(a.answers),
      JSON.stringify(a.results),
      a.score,
      a.total,
      a.correct ? 1 : 0,
      a.at,
      a.localDay,
    );
  };
}
