import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardProblems, clickData, submitsOf, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { CHANNEL_ID, personalConversation, startTeamsWorld, type TeamsWorld, type Who } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld();
});
afterAll(() => w.close());

/** Posts an activity and returns what the bot sent because of it (the adapter answers after the turn). */
async function sent(post: () => Promise<Response>): Promise<ConnectorCall[]> {
  const before = w.connector.calls.length;
  const res = await post();
  expect(res.status).toBe(200);
  return w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
}

async function only(post: () => Promise<Response>): Promise<ConnectorCall> {
  const calls = await sent(post);
  expect(calls).toHaveLength(1);
  return calls[0] as ConnectorCall;
}

const say = (text: string, who?: Who) => only(() => w.message(text, who));
const click = (value: Record<string, unknown>, on: ConnectorCall, who?: Who) =>
  only(() => w.submit(value, activityIdOf(on), who));
/** The id the connector gave a card the bot posted (updates keep the card's id). */
const activityIdOf = (call: ConnectorCall) => {
  const id = call.kind === 'update' ? call.id : call.responseId;
  if (!id) throw new Error('the card has no activity id');
  return id;
};

const attempts = async () => (await w.rows<{ n: number }>('select count(*) as n from quiz_attempts'))[0]?.n ?? 0;

describe('commands in a personal chat', () => {
  it('answers "lesson" with the next lesson as a reply to the message, with its buttons', async () => {
    const reply = await say('lesson');
    expect(reply.kind).toBe('reply');
    expect(reply.conversationId).toBe(personalConversation('ada'));
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    expect(textOf(card)).toContain('§3.1 What is training');
    expect(submitsOf(card).map((s) => s.title)).toEqual([
      'Read full',
      'Take the check',
      'Next lesson',
      'Explain a sentence',
    ]);
  });

  it('reads a lesson in full', async () => {
    const card = cardOf(await say('lesson 3.4 full'));
    expect(textOf(card)).toContain('Inference cost at scale');
    expect(textOf(card)).toContain('The story');
  });

  it('"Read full" replaces the essentials in place', async () => {
    const essentials = await say('lesson 3.2');
    const update = await click(clickData(cardOf(essentials), 'lesson.open'), essentials);
    expect(update.kind).toBe('update');
    expect(update.id).toBe(activityIdOf(essentials));
    expect(textOf(cardOf(update))).toContain('The story');
  });

  it('shows progress, review and help; unknown words get the help card, not an error', async () => {
    expect(textOf(cardOf(await say('progress')))).toContain('Lessons read');
    expect(textOf(cardOf(await say('review')))).toMatch(/Nothing to review|Concept check/);
    const help = textOf(cardOf(await say('help')));
    expect(help).toContain('“quiz 3”');
    expect(help).toContain('“cost 1M queries/day at $0.01”');
    const unknown = textOf(cardOf(await say('dance please')));
    expect(unknown).toContain('I didn');
    expect(unknown).toContain('“daily 09:00 Europe/Berlin weekdays”');
  });
});

describe('concept checks', () => {
  it('updates the check in place with the result, and a double submit counts once', async () => {
    const check = await say('quiz 5', { user: 'bo' });
    const answer = clickData(cardOf(check), 'quiz.answer');
    const before = await attempts();
    const result = await click(answer, check, { user: 'bo' });
    expect(result.kind).toBe('update');
    expect(result.id).toBe(activityIdOf(check));
    expect(textOf(cardOf(result))).toMatch(/Correct ✓|Not quite ✗/);
    // The same card submitted again (a double click, a retried delivery): shown, not counted.
    const again = await click(answer, check, { user: 'bo' });
    expect(again.kind).toBe('update');
    expect(textOf(cardOf(again))).toContain('already answered');
    expect(await attempts()).toBe(before + 1);
  });

  it('grades a full sort quiz submitted with a choice per item, in place', async () => {
    const quiz = await say('quiz 1', { user: 'cy' });
    const card = cardOf(quiz);
    const selects = card.body.filter((e) => e.type === 'Input.ChoiceSet') as {
      id: string;
      choices: { value: string }[];
    }[];
    expect(selects).toHaveLength(6);
    // The chapter's answer key: pre-training and fine-tuning are training, the rest inference. The card
    // shows the items in its own order, so each is matched by its id.
    const key = (id: string) => (/pretrain-70b|brand-voice-fine-tune/.test(id) ? 'training' : 'inference');
    const inputs = Object.fromEntries(selects.map((s) => [s.id, key(s.id)]));
    for (const s of selects) expect(s.choices.map((c) => c.value)).toEqual(['training', 'inference']);
    const before = await attempts();
    const result = await click({ ...clickData(card, 'quiz.sort'), ...inputs }, quiz, { user: 'cy' });
    expect(result.kind).toBe('update');
    expect(textOf(cardOf(result))).toContain('Correct ✓');
    expect(await attempts()).toBe(before + 1);
  });

  it('asks for every item when a sort arrives half done, keeps the quiz and records nothing', async () => {
    const quiz = await say('quiz 1', { user: 'di' });
    const before = await attempts();
    const note = await click(clickData(cardOf(quiz), 'quiz.sort'), quiz, { user: 'di' });
    expect(note.kind).toBe('reply');
    expect(textOf(cardOf(note))).toContain('Place every item');
    expect(await attempts()).toBe(before);
  });

  it('refuses a forged or unknown card value without a crash', async () => {
    const before = await attempts();
    const forged = await only(() => w.submit({ action: 'quiz.answer', check: '../../etc', option: 'x' }, 'nope'));
    expect(textOf(cardOf(forged))).toContain('out of date');
    const unknown = await only(() => w.submit({ action: 'admin.drop_tables' }, 'nope'));
    expect(textOf(cardOf(unknown))).toContain('out of date');
    const notACard = await only(() => w.submit({ constructor: 'x' } as Record<string, unknown>, 'nope'));
    expect(textOf(cardOf(notACard))).toContain('out of date');
    expect(await attempts()).toBe(before);
  });
});

describe('cost', () => {
  it('answers with the arithmetic, and a what-if button brings a new card', async () => {
    const answer = await say('cost 1M queries/day at $0.01');
    const text = textOf(cardOf(answer));
    for (const figure of ['$10,000', '$3,650,000', 'month = 30 days']) expect(text).toContain(figure);
    const whatIf = clickData(cardOf(answer), 'cost.whatif', (s) => s.title.includes('×10'));
    const variant = await click(whatIf, answer);
    expect(variant.kind).toBe('reply');
    expect(textOf(cardOf(variant))).toContain('$100,000');
  });

  it('reads a what-if value no longer than the cost engine reads (500 characters)', async () => {
    const long = await only(() =>
      w.submit({ action: 'cost.whatif', q: `1M queries/day at $0.01 ${'x'.repeat(500)}` }, 'x'),
    );
    expect(textOf(cardOf(long))).toContain('out of date');
  });

  it('explains a scenario it cannot read, with a working example and no vanishing placeholders', async () => {
    const card = cardOf(await say('cost 1M queries at'));
    expect(textOf(card)).toContain("Couldn't estimate that");
    expect(textOf(card)).toMatch(/price/i);
    expect(textOf(card)).not.toMatch(/<[a-z]/i);
    const error = await say('cost 1M queries at');
    const tryIt = await click(clickData(cardOf(error), 'cost.whatif'), error);
    expect(textOf(cardOf(tryIt))).toContain('Per day');
  });
});

describe('the per-member limit on estimates', () => {
  it('answers the 31st estimate in a minute with "One moment", and other members still get theirs', async () => {
    const quick: Who = { user: 'quick' };
    for (let i = 1; i <= 30; i++)
      expect(textOf(cardOf(await say(`cost ${i}M queries/day at $0.01`, quick)))).toContain('Per day');
    const limited = textOf(cardOf(await say('cost 1M queries/day at $0.01', quick)));
    expect(limited).toContain('One moment');
    expect(limited).toMatch(/Try again in \d+ s/);
    expect(textOf(cardOf(await say('cost 1M queries/day at $0.01', { user: 'calm' })))).toContain('Per day');
  });
});

describe('in a channel', () => {
  const channel: Who = { scope: 'channel', user: 'ed' };

  it('answers an @mention in the thread it was asked in', async () => {
    const reply = await say('cost 10M requests/day at $0.002', channel);
    expect(reply.kind).toBe('reply');
    expect(reply.conversationId.startsWith(`${CHANNEL_ID};messageid=`)).toBe(true);
    expect(textOf(cardOf(reply))).toContain('$20,000');
  });

  it('says whose answer a shared check card shows', async () => {
    const check = await say('quiz 5', channel);
    const result = await click(clickData(cardOf(check), 'quiz.answer'), check, channel);
    expect(result.kind).toBe('update');
    expect(textOf(cardOf(result))).toContain('Answered by Ed');
  });

  it('subscribes the channel to daily lessons, lists and stops them', async () => {
    const on = textOf(cardOf(await say('daily 09:00 Europe/Berlin weekdays', channel)));
    expect(on).toContain('Daily lessons are on');
    expect(on).toContain('09:00 Europe/Berlin');
    const [row] = await w.rows("select platform, target, active from schedules where platform = 'teams'");
    expect(row).toEqual({ platform: 'teams', target: CHANNEL_ID, active: 1 });
    expect(textOf(cardOf(await say('daily list', channel)))).toContain('this channel: 09:00 Europe/Berlin');
    expect(textOf(cardOf(await say('daily off', channel)))).toContain('are off');
  });

  it('explains a time zone it does not know, with an example', async () => {
    const text = textOf(cardOf(await say('daily 09:00 Mars/Olympus', channel)));
    expect(text).toContain('IANA');
    expect(text).toContain('“daily 09:00');
  });
});

describe('every card the bot sent', () => {
  it('is a valid Adaptive Card 1.5 under 80 KB', () => {
    expect(w.connector.activities().length).toBeGreaterThan(20);
    expect(cardProblems(w.connector.activities())).toEqual([]);
  });
});
