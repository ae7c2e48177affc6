/**
 * The cross-platform contract: one list of scenarios, run on every platform through its real entry
 * point, with the same assertions. What a scenario checks is what a member would notice: the text,
 * the buttons, who could see it, whether it replaced the card clicked, and what the database kept.
 *
 * To add a platform: write `tests/contract/<platform>.ts` exporting a function that returns a
 * `PlatformDriver` (driver.ts): start the real server with the platform on and its outbound API
 * answered by a local fake, feed `say`/`click` in as the platform would, decode what the bot sent
 * into `Seen` (plain text, buttons with their action ids and values, selects, audience, replaced,
 * dialog), and say how the platform fails a DM and names the shared place. Then add it to DRIVERS
 * below. Where platforms legitimately differ (how a place is named, where a whisper is possible),
 * put the difference in the driver, never an `if (platform)` in a scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, type TestBackend } from '../support/test-database.js';
import { buttonOf, type PlatformDriver, query, type Seen, type Who } from './driver.js';
import { slackDriver } from './slack.js';
import { teamsDriver } from './teams.js';

/**
 * Every platform on every store: the default run proves the end-to-end behaviour on SQLite and on
 * PostgreSQL alike. `npm run test:postgres` (TEST_DATABASE=postgres) runs the PostgreSQL half only.
 */
const BACKENDS: [string, TestBackend][] = [
  ['SQLite', 'sqlite'],
  ['PostgreSQL', 'postgres'],
];
const PLATFORMS: [string, (backend: TestBackend) => PlatformDriver][] = [
  ['Slack', slackDriver],
  ['Teams', teamsDriver],
];
const DRIVERS: [string, () => PlatformDriver][] = PLATFORMS.flatMap(([platform, make]) =>
  BACKENDS.filter(([, backend]) => !onPostgres || backend === 'postgres').map(
    ([store, backend]): [string, () => PlatformDriver] => [`${platform} on ${store}`, () => make(backend)],
  ),
);

const MANAGER = 'boss';

/** The one card a turn showed (a turn that shows two is a bug a member would notice too). */
function one(shown: readonly Seen[]): Seen {
  expect(shown.map((s) => s.text.slice(0, 80))).toHaveLength(1);
  return shown[0] as Seen;
}

/** The card a turn showed that matches; an error listing what was shown otherwise. */
function find(shown: readonly Seen[], match: RegExp): Seen {
  const found = shown.find((s) => match.test(s.text));
  if (!found)
    throw new Error(`nothing matching ${match}; shown: ${shown.map((s) => s.text.slice(0, 100)).join(' | ')}`);
  return found;
}

const attemptsOf = async (d: PlatformDriver, member: string) =>
  (
    await query<{ n: number }>(
      d,
      'select count(*) as n from quiz_attempts a join members m on m.id = a.member_id where m.external_id = ?',
      d.memberId(member),
    )
  )[0]?.n;

/** The explanation itself, not its "Explaining…" placeholder. */
const explanation = (s: Seen) => s.text.includes('In plain English') && !s.text.includes('Explaining…');

/** The chapter's answer key for the sort check: pre-training and fine-tuning are training, the rest inference. */
const sortKey = (itemId: string) => (/pretrain-70b|brand-voice-fine-tune/.test(itemId) ? 'training' : 'inference');

describe.each(DRIVERS)('%s', (_name, make) => {
  const d = make();
  const me = (member: string, place: Who['place'] = 'private'): Who => ({ member, place });

  beforeAll(() => d.start({ managers: [MANAGER] }));
  afterAll(() => d.close());

  describe('lessons', () => {
    it('gives a new member the first lesson, only to them, with its buttons; "Next lesson" brings the next', async () => {
      const lesson = one(await d.say('lesson', me('nia')));
      expect(lesson.audience).toBe('member');
      expect(lesson.text).toContain('§3.1 What is training');
      expect(lesson.buttons.map((b) => [b.action, b.label])).toEqual([
        ['lesson.open', 'Read full'],
        ['quiz.start', 'Take the check'],
        ['lesson.open', 'Next lesson'],
        ['explain.lesson', 'Explain a sentence'],
      ]);
      const next = one(await d.click(lesson, 'lesson.open', 'nia', { label: /Next lesson/ }));
      expect(next.text).toContain('§3.2');
    });

    it('"Read full" replaces the essentials in place in a private place', async () => {
      const essentials = one(await d.say('lesson 3.2', me('rex')));
      expect(essentials.text).toContain('· essentials');
      const full = one(await d.click(essentials, 'lesson.open', 'rex', { label: /Read full/ }));
      expect(full.replaced).toBe(true);
      expect(full.audience).toBe('member');
      expect(full.text).toContain('§3.2');
      expect(full.text).toContain('· full');
      expect(full.buttons.map((b) => b.label)).not.toContain('Read full');
    });

    it('"Read full" in a shared place replaces the lesson only where nobody else sees it', async () => {
      const essentials = one(await d.say('lesson 3.3', me('ria', 'shared')));
      const full = one(await d.click(essentials, 'lesson.open', 'ria', { label: /Read full/ }));
      expect(full.text).toContain('· full');
      expect(full.replaced).toBe(essentials.audience === 'member');
    });

    it('shows the member their progress', async () => {
      await d.say('lesson', me('pia'));
      const progress = one(await d.say('progress', me('pia')));
      expect(progress.audience).toBe('member');
      expect(progress.text).toContain('Lessons read');
    });

    it('answers words it does not know with the help card, spelled for this surface', async () => {
      const help = one(await d.say('dance please', me('hal')));
      expect(help.text).toContain('I didn');
      expect(help.text).toMatch(/quiz/);
    });
  });

  describe('concept checks', () => {
    it('"Take the check" under a lesson, answered: the result replaces the check, recorded once', async () => {
      const lesson = one(await d.say('lesson 3.1', me('tam')));
      const check = one(await d.click(lesson, 'quiz.start', 'tam'));
      expect(check.text).toContain('Concept check');
      expect(check.buttons.filter((b) => b.action === 'quiz.answer').length).toBeGreaterThan(1);
      const result = one(await d.click(check, 'quiz.answer', 'tam'));
      expect(result.replaced).toBe(true);
      expect(result.text).toMatch(/Correct ✓|Not quite ✗/);
      expect(result.buttons.map((b) => b.action)).toContain('explain.why');
      // The same card clicked again (a double click, a retried delivery): shown, not counted.
      const again = await d.click(check, 'quiz.answer', 'tam');
      find(again, /already answered/);
      expect(await attemptsOf(d, 'tam')).toBe(1);
    });

    it('grades a sort check placed item by item, in place', async () => {
      const quiz = one(await d.say('quiz 1', me('sol')));
      expect(quiz.selects).toHaveLength(6);
      for (const s of quiz.selects) expect(s.options).toEqual(['training', 'inference']);
      const selections = Object.fromEntries(quiz.selects.map((s) => [s.id, sortKey(s.id)]));
      const result = one(await d.click(quiz, 'quiz.sort', 'sol', { selections }));
      expect(result.replaced).toBe(true);
      expect(result.text).toContain('Correct ✓');
      expect(await attemptsOf(d, 'sol')).toBe(1);
    });

    it('asks for every item when a sort comes half done, keeps the check and records nothing', async () => {
      const quiz = one(await d.say('quiz 1', me('sid')));
      const note = one(await d.click(quiz, 'quiz.sort', 'sid', { selections: {} }));
      expect(note.text).toContain('Place every item');
      expect(note.replaced).toBe(false);
      expect(await attemptsOf(d, 'sid')).toBe(0);
    });

    it('lets nobody answer for another member: a click on someone else’s check records nothing for either', async () => {
      const check = one(await d.say('quiz 5', me('own', 'shared')));
      const shown = await d.click(check, 'quiz.answer', 'oth');
      find(shown, /shown to someone else/);
      expect(shown.filter((s) => s.replaced)).toEqual([]);
      expect(await attemptsOf(d, 'own')).toBe(0);
      expect(await attemptsOf(d, 'oth')).toBe(0);
    });

    it('refuses a tampered button value with a note, not an error, and records nothing', async () => {
      const check = one(await d.say('quiz 5', me('fox')));
      const forgedValue = { check: '../../etc', option: 'x', nonce: 'forged' };
      const note = one(await d.click(check, 'quiz.answer', 'fox', { forgedValue }));
      expect(note.replaced).toBe(false);
      expect(note.text).toMatch(/out of date|expired|not part of the course/);
      expect(await attemptsOf(d, 'fox')).toBe(0);
    });

    it('offers a review after checks were answered', async () => {
      const check = one(await d.say('quiz 5', me('rio')));
      await d.click(check, 'quiz.answer', 'rio');
      const review = one(await d.say('review', me('rio')));
      expect(review.audience).toBe('member');
      expect(review.text).toMatch(/Nothing to review|Concept check|review/i);
    });
  });

  describe('cost estimates', () => {
    it('shows an estimate to everyone in the place, with the arithmetic and what-if buttons', async () => {
      const estimate = one(await d.say('cost 1M queries/day at $0.01', me('cas', 'shared')));
      expect(estimate.audience).toBe('place');
      for (const figure of ['$10,000', '$3,650,000', 'month = 30 days']) expect(estimate.text).toContain(figure);
      const whatIf = buttonOf(estimate, 'cost.whatif', /×10/);
      expect(whatIf.value.q).toBeTruthy();
      const variant = find(await d.click(estimate, 'cost.whatif', 'cas', { label: /×10/ }), /\$100,000/);
      expect(variant.audience).toBe('place');
    });

    it('answers a scenario it cannot read only to the member, with an example that works', async () => {
      const error = one(await d.say('cost 1M queries at', me('bea', d.whisperPlace)));
      expect(error.audience).toBe('member');
      expect(error.text).toContain("Couldn't estimate that");
      expect(error.text).toMatch(/price/i);
      expect(error.text).toMatch(/Try: /);
      const tryIt = find(await d.click(error, 'cost.whatif', 'bea', { label: /Try the example/ }), /Per day/);
      expect(tryIt.text).toContain('$');
    });

    it('gives the 31st estimate within a minute a "One moment", only to that member; others are unaffected', async () => {
      const where = me('lou', d.whisperPlace);
      for (let i = 1; i <= 30; i++) {
        const answer = one(await d.say(`cost ${i}k queries/day at $0.01`, where));
        expect(answer.text).not.toContain('One moment');
      }
      // Word for word one it answered before: a remembered answer still counts against the limit.
      const slow = one(await d.say('cost 1k queries/day at $0.01', where));
      expect(slow.audience).toBe('member');
      expect(slow.text).toContain('One moment');
      expect(slow.text).toContain('faster than I can answer');
      const calm = one(await d.say('cost 5 queries/day at $1', me('cal', d.whisperPlace)));
      expect(calm.text).toContain('$5');
    });
  });

  describe('the manager report', () => {
    it('is refused to a member who is not a manager, with no report or buttons', async () => {
      await d.say('lesson', me('mia'));
      const refusal = one(await d.say('report', me('mia')));
      expect(refusal.audience).toBe('member');
      expect(refusal.text).toContain('for managers');
      expect(refusal.text).not.toContain('Accuracy per concept');
      expect(refusal.buttons.filter((b) => b.action.startsWith('report.'))).toEqual([]);
    });

    it("shows a manager the report with today's explanation figures: served, cache hit rate, spend", async () => {
      // One explanation served today, so the figures have something to count.
      await d.say('explain Quantization makes inference cheaper at scale.', me(MANAGER));
      await d.waitFor(MANAGER, explanation);
      const report = one(await d.say('report', me(MANAGER)));
      expect(report.audience).toBe('member');
      expect(report.text).toContain('Team report');
      expect(report.text).toContain('Accuracy per concept');
      expect(report.text).toMatch(/Explanations today: \d+ served, \d+% from the cache/);
      expect(report.text).toMatch(/\$[0-9.]+ of the \$[0-9.]+ daily budget/);
      expect(report.buttons.map((b) => b.label)).toContain('Download CSV');
      // A member clicking the manager's buttons (a forged or forwarded card) is refused on the server.
      find(await d.click(report, 'report.nudge', 'mia'), /for managers/);
      expect(await query(d, 'select * from nudges')).toEqual([]);
    });

    it('nudges every member without today’s check when one DM fails; the failed one is nudged on a later click', async () => {
      const nudged = (member: string) => d.received(member).filter((s) => s.text.includes("Today's concept check"));
      for (const member of ['nan', 'ned', 'nel']) await d.say('lesson', me(member));
      d.failDm('ned', true);
      const report = one(await d.say('report', me(MANAGER)));
      const first = find(await d.click(report, 'report.nudge', MANAGER), /Nudged \d+ member/);
      expect(first.audience).toBe('member');
      expect(first.text).toMatch(/could not be (reached|sent)/);
      for (const member of ['nan', 'nel']) {
        expect(nudged(member)).toHaveLength(1);
        expect(nudged(member)[0]?.audience).toBe('member');
      }
      expect(nudged('ned')).toEqual([]);
      const marked = (
        await query<{ id: string }>(d, 'select m.external_id as id from nudges n join members m on m.id = n.member_id')
      ).map((r) => r.id);
      expect(marked).toEqual(expect.arrayContaining([d.memberId('nan'), d.memberId('nel')]));
      expect(marked).not.toContain(d.memberId('ned'));

      d.failDm('ned', false);
      const second = find(await d.click(report, 'report.nudge', MANAGER), /Nudged \d+ member/);
      expect(second.text).toMatch(/Nudged 1 member\b/);
      expect(nudged('ned')).toHaveLength(1);
      expect(nudged('nan')).toHaveLength(1);
    });
  });

  describe('daily lessons', () => {
    const schedule = () =>
      query<{ active: number; time: string }>(
        d,
        'select active, time_of_day as time from schedules where target = ?',
        d.sharedPlaceId,
      );

    it('are set for the place, listed (the place named where it is not the one asked in), and turned off', async () => {
      const here = me('dex', 'shared');
      const on = one(await d.say('daily 09:00 Europe/Berlin weekdays', here));
      expect(on.text).toContain('Daily lessons are on');
      expect(on.text).toContain('09:00');
      expect(await schedule()).toEqual([{ active: 1, time: '09:00' }]);
      expect(one(await d.say('daily list', here)).text).toContain('09:00 Europe/Berlin');
      // From the member's private chat the list must say which place gets the lessons.
      const elsewhere = one(await d.say('daily list', me('dex')));
      expect(elsewhere.audience).toBe('member');
      expect(elsewhere.text).toContain(`${d.sharedPlaceShown}: 09:00 Europe/Berlin`);
      const off = one(await d.say('daily off', here));
      expect(off.text).toContain('are off');
      expect(await schedule()).toEqual([{ active: 0, time: '09:00' }]);
    });
  });

  describe('personal daily lessons', () => {
    const mine = (member: string) =>
      query<{ time: string; reminders: number; opted: number }>(
        d,
        `select p.time_of_day as time, p.reminders, p.opted_out as opted from personal_schedules p
         join members m on m.id = p.member_id where m.external_id = ?`,
        d.memberId(member),
      );

    it('a member turns their own on, sees it, turns reminders off, then opts out; each answer only to them', async () => {
      const on = one(await d.say('daily me 08:30 weekdays', me('pia')));
      expect(on.audience).toBe('member');
      expect(on.text).toContain('Your daily lessons are on');
      expect(on.text).toContain('08:30 your time');
      expect(await mine('pia')).toEqual([{ time: '08:30', reminders: 1, opted: 0 }]);
      expect(one(await d.say('daily me', me('pia'))).text).toContain('08:30 your time');
      expect(one(await d.say('daily me reminders off', me('pia'))).text).toContain('Reminders off');
      expect(one(await d.say('daily me off', me('pia'))).text).toContain('No enrolment will turn them back on');
      expect(await mine('pia')).toEqual([{ time: '08:30', reminders: 0, opted: 1 }]);
    });

    it('refuses a time zone in a personal time, with an example that works', async () => {
      const bad = one(await d.say('daily me 08:30 Europe/Berlin', me('pia')));
      expect(bad.text).toContain('each person’s own time zone');
      expect(bad.text).toContain('daily me 08:30 weekdays');
    });

    it('enrolment is for managers only', async () => {
      const refused = one(await d.say('enroll 09:00 weekdays', me('pia', d.whisperPlace)));
      expect(refused.audience).toBe('member');
      expect(refused.text).toContain('Only a manager');
      expect(one(await d.say('enroll list', me(MANAGER))).text).toContain('None yet');
    });
  });

  describe('explain in plain English', () => {
    const sentence = 'explain Quantization makes inference cheaper at scale.';

    it('explains a typed sentence, only for the member', async () => {
      await d.say(sentence, me('eva'));
      const answer = await d.waitFor('eva', explanation);
      expect(answer.audience).toBe('member');
      expect(answer.text).toMatch(/[Qq]uantization/);
    });

    it('typed in a shared place, the explanation still reaches only the member', async () => {
      const first = await d.say(sentence, me('eli', 'shared'));
      const offer = first.find((s) => s.buttons.some((b) => b.action === 'explain.text'));
      // Where the platform cannot whisper, the member opens it in a dialog of their own.
      if (offer) await d.click(offer, 'explain.text', 'eli');
      const answer = await d.waitFor('eli', explanation);
      expect(answer.audience).toBe('member');
      expect(d.received('eli').filter((s) => s.audience === 'place' && s.text.includes('In plain English'))).toEqual(
        [],
      );
    });
  });
});
