/**
 * Mention tokens (views/card.ts `mention`) on every surface: Slack links a valid id, Teams and
 * plain text show the name, and nothing a person types can become a mention anywhere.
 */
import { describe, expect, it } from 'vitest';
import { cardToMessage, cardToModal } from '../../src/slack/render/blocks.js';
import { cardToAdaptiveCard } from '../../src/teams/render/adaptive-card.js';
import { type Card, mention, userText } from '../../src/views/card.js';
import { cardToText } from '../../src/views/text.js';
import { expectInertMrkdwn, expectInertTeams, mrkdwnTexts, teamsMarkdownTexts } from './hostile.js';

const card = (text: string, title = 'Daily lessons'): Card => ({
  summary: text,
  blocks: [
    { kind: 'header', title },
    { kind: 'text', text },
    { kind: 'fields', fields: [{ label: 'Where', value: text }] },
    { kind: 'context', text },
  ],
});
const slack = (c: Card) => mrkdwnTexts(cardToMessage(c));
const teams = (c: Card) => teamsMarkdownTexts(cardToAdaptiveCard(c));

describe('a mention made by our code', () => {
  const text = `Daily lessons go to ${mention.place('C0123ABC', 'general')}, set up by ${mention.person('U42XYZ', 'Ada')}.`;

  it('is a channel and a person link in Slack mrkdwn, in every block and the notification text', () => {
    const rendered = cardToMessage(card(text));
    for (const t of mrkdwnTexts(rendered)) expect(t).toContain('go to <#C0123ABC>, set up by <@U42XYZ>.');
    expect(rendered.text).toBe('Daily lessons go to <#C0123ABC>, set up by <@U42XYZ>.');
  });

  it('is the name in Slack plain text (header, button, modal title)', () => {
    const c: Card = {
      summary: 's',
      blocks: [
        { kind: 'header', title: `Lessons in ${mention.place('C0123ABC', 'general')}` },
        { kind: 'actions', buttons: [{ kind: 'button', action: 'x', label: mention.person('U1A', 'Ada'), value: {} }] },
      ],
    };
    const json = JSON.stringify(cardToMessage(c).blocks);
    expect(json).toContain('"text":"Lessons in general"');
    expect(json).toContain('"text":"Ada"');
    expect(cardToModal(c, { title: mention.place('C0123ABC', 'general'), callbackId: 'x' }).title.text).toBe('general');
  });

  it('is the name in Teams and in plain text', () => {
    expect(teams(card(text)).join('\n')).toContain('Daily lessons go to general, set up by Ada.');
    expect(JSON.stringify(cardToAdaptiveCard(card(text)))).not.toMatch(/[\ue000-\ue1ff]/);
    expect(cardToText(card(text))).toContain('Daily lessons go to general, set up by Ada.');
  });

  it('keeps bold around it and shows a hostile name literally where there is no link', () => {
    const hostile = '<!channel> *evil* [x](https://evil.example)';
    const bold = `**In ${mention.place('C0123ABC', hostile)}**`;
    expect(slack(card(bold))[0]).toBe('*In <#C0123ABC>*');
    // Not a Slack id (a Teams conversation id): the name, shown as typed and inert.
    const teamsId = `In ${mention.place('19:abc@thread.tacv2', hostile)} and ${mention.person('x'.repeat(40), hostile)}`;
    expectInertMrkdwn(slack(card(teamsId)));
    expect(slack(card(teamsId))[0]).toContain('In &lt;!channel&gt; ∗evil∗');
    expectInertTeams(teams(card(teamsId)));
    expect(cardToText(card(teamsId))).toContain(`In ${hostile} and ${hostile}`);
  });
});

describe('text a person typed', () => {
  // The token's own characters, a forged token and Slack's mention syntax, as someone might paste them.
  const forged = `\ue100#C0123ABC\ue101general\ue102 <#C123> <@U999> <!channel> <!here|here> \ue100@U1\ue101x\ue102`;

  it('never becomes a mention on any surface', () => {
    const c = card(`Scenario: ${userText(forged)}`, userText(forged));
    expectInertMrkdwn(slack(c));
    expect(cardToMessage(c).text).not.toMatch(/<#|<@|<!/);
    expectInertTeams(teams(c));
    const text = cardToText(c);
    expect(text).toContain('<#C123> <@U999> <!channel>');
    expect(text).not.toMatch(/[\ue000-\ue1ff]/);
  });

  it('shows the characters as typed, minus the private-use ones', () => {
    expect(cardToText(card(userText(forged)))).toContain(
      '#C0123ABCgeneral <#C123> <@U999> <!channel> <!here|here> @U1x',
    );
  });
});
