import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/cost/index.js';
import { buildTeamReport } from '../../src/core/report/team-report.js';
import { cardToMessage } from '../../src/slack/render/blocks.js';
import { cardToAdaptiveCard } from '../../src/teams/render/adaptive-card.js';
import { type Card, userText } from '../../src/views/card.js';
import { costErrorCard } from '../../src/views/cost.js';
import { explanationCard, sentencePickerCard } from '../../src/views/explain.js';
import { progressCard } from '../../src/views/progress.js';
import { reportCard } from '../../src/views/report.js';
import { cardToText } from '../../src/views/text.js';
import {
  expectInertMrkdwn,
  expectInertTeams,
  HOSTILE,
  HOSTILE_LINES,
  MASKED_LINK,
  mrkdwnTexts,
  teamsMarkdownTexts,
} from './hostile.js';

const slack = (card: Card) => mrkdwnTexts(cardToMessage(card));
const teams = (card: Card) => teamsMarkdownTexts(cardToAdaptiveCard(card));

function expectInertEverywhere(card: Card) {
  expectInertMrkdwn(slack(card));
  expectInertTeams(teams(card));
}

describe('untrusted text in a card', () => {
  const own = (text: string): Card => ({ summary: 'x', blocks: [{ kind: 'text', text }] });

  it('shows every trick literally on both platforms, in any block', () => {
    const card: Card = {
      summary: userText(HOSTILE),
      blocks: [
        { kind: 'header', title: userText(HOSTILE), subtitle: userText(HOSTILE) },
        { kind: 'text', text: `**Ours:** ${userText(HOSTILE)}\n${userText(HOSTILE_LINES)}` },
        { kind: 'fields', fields: [{ label: userText(HOSTILE), value: userText(HOSTILE) }] },
        { kind: 'context', text: userText(HOSTILE) },
      ],
    };
    expectInertEverywhere(card);
    const s = slack(card).join('\n');
    expect(s).toContain('∗∗bold∗∗ ∗b∗ ˍiˍ ∼s∼ ˋcˋ');
    expect(s).toContain('&lt;!channel&gt; &lt;@U999&gt;');
    expect(s).toContain('›');
    expect(s).toContain('*Ours:*'); // our own markup still formats
    // The message's own text (notifications) is not verbatim: Slack could link a host there.
    expect(cardToMessage(card).text).toContain('https꞉//evil․example');
    const t = teams(card).join('\n');
    expect(t).toContain('\\*\\*bold\\*\\* \\*b\\* \\_i\\_ \\~s\\~ \\`c\\`');
    expect(t).toContain('\\[Claim your bonus\\](https꞉//evil․example/x)');
    expect(t).toContain('‹a href="https꞉//evil․example"›a‹/a› ‹img src=x› ‹at›everyone‹/at›');
    expect(t).toContain('**Ours:**');
    // The plain-text form (CLI, notifications) shows the text exactly as it was typed.
    expect(cardToText(card)).toContain(HOSTILE);
  });

  it('keeps our own links as links, next to an attacker’s that stays text', () => {
    const card = own(`Read [Llama 3](https://ai.meta.com/llama/) · ${userText(MASKED_LINK)}`);
    const s = slack(card);
    expectInertMrkdwn(s, 1);
    expect(s.join('')).toContain('<https://ai.meta.com/llama/|Llama 3>');
    expect(s.join('')).toContain('[Claim your bonus](https://evil.example/x)');
    const t = teams(card);
    expectInertTeams(t, 1);
    expect(t.join('')).toContain('[Llama 3](https://ai.meta.com/llama/)');
  });

  it('leaves ordinary names and sentences readable', () => {
    const card = own(`${userText('Anne-Marie O’Brien (snake_case_fan), 3.5 stars, e.g. $0.01')}`);
    expect(slack(card)).toEqual(['Anne-Marie O’Brien (snake_case_fan), 3.5 stars, e.g. $0.01']);
    expect(teams(card)).toEqual(['Anne-Marie O’Brien (snake\\_case\\_fan), 3.5 stars, e\u2024g. $0.01']);
  });
});

describe('every view builder marks what it did not write', () => {
  it('/cost: a scenario with tricks is refused, and the refusal quotes it as text', () => {
    // The engine reads a scenario completely or not at all, so the tricks land in the refusal
    // (its message quotes the word it stopped at, its example is the member's own text).
    for (const scenario of [
      '1M queries/day at $0.01 [x](https:evil.example) ~~x~~ _y_ `z` *b*',
      '[x](https:evil.example) 1M queries/day at $0.01',
      '1M queries/day at $0.01 <!channel> <@U1>',
    ]) {
      const result = estimate(scenario);
      expect(result.ok, scenario).toBe(false);
      if (result.ok) continue;
      expectInertEverywhere(costErrorCard(result.error));
    }
  });

  it('/cost: an error that quotes a hostile piece of the member’s text keeps it inert', () => {
    const card = costErrorCard({
      code: 'unreadable',
      message: "I couldn't place `[x](https://evil.example) *b*` here.",
      example: '1M queries/day at $0.01 [x](https://evil.example) <!channel>',
    } as Parameters<typeof costErrorCard>[0]);
    expectInertEverywhere(card);
    expect(slack(card).join('\n')).toContain('“[x](https:');
  });

  it('the manager report: members’ display names', () => {
    const report = buildTeamReport({
      lessons: [{ id: '3.1', title: 'Training' }],
      checks: [{ id: 'c1', title: 'Check' }],
      concepts: [],
      members: [
        {
          id: 1,
          name: HOSTILE,
          timeZone: 'UTC',
          lessonsRead: '',
          checksDone: '',
          checksPassed: '',
          lastAttemptAt: null,
        },
      ],
      conceptTotals: [],
      now: Date.parse('2026-11-21T10:00:00Z'),
    });
    expectInertEverywhere(reportCard(report, { maxRows: 10, showScores: false }));
  });

  it('the explanation: the quoted sentence and the model’s answer', () => {
    const card = explanationCard(
      {
        source: 'openai',
        model: HOSTILE,
        text: HOSTILE,
        analogy: HOSTILE,
        terms: [{ term: HOSTILE, definition: HOSTILE }],
        lessonId: '3.1',
      } as never,
      HOSTILE,
    );
    expectInertEverywhere(card);
    const picker = sentencePickerCard([MASKED_LINK]);
    expect(cardToText(picker)).toContain(MASKED_LINK.slice(0, 40));
  });

  it('progress: the member’s own name', () => {
    const card = progressCard({
      name: HOSTILE,
      lessonsRead: 0,
      lessonsTotal: 7,
      checksPassed: 0,
      checksDone: 0,
      checksTotal: 9,
      streak: { current: 0, longest: 0, activeToday: false },
      dueReviews: [],
      checks: [],
    } as never);
    expectInertEverywhere(card);
    // Slack's header is plain_text, which a client may still linkify: the name's URL is defused there too.
    const header = cardToMessage(card).blocks.find((b) => b.type === 'header') as { text: { text: string } };
    expect(header.text.text).toContain('https꞉//evil․example');
    expect(header.text.text).toContain('[Claim your bonus]');
  });

  it('the plain-text form never passes a terminal control sequence through', () => {
    const card: Card = {
      summary: 'x',
      blocks: [{ kind: 'text', text: userText('\u001b[2J\u001b]8;;https://evil.example\u0007Ann') }],
    };
    expect(cardToText(card)).toBe('[2J]8;;https://evil.exampleAnn');
  });
});
