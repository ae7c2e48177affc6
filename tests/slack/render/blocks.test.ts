import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  actionOf,
  cardToBlocks,
  cardToHome,
  cardToMessage,
  cardToModal,
  SHORTENED_NOTE,
} from '../../../src/slack/render/blocks.js';
import { button, type Card } from '../../../src/views/card.js';
import { reportCard } from '../../../src/views/report.js';
import { allCards, catalog, progressCards, teamReport } from '../../views/gallery.js';
import { blockKitProblems, elementsOf, modalProblems, sectionTexts } from './limits.js';

const cards = allCards().map((c) => [c.name, c.card] as const);
const message = (card: Card) => cardToBlocks(card, { surface: 'message' });
describe('every real card stays within Block Kit limits', () => {
  it('covers the whole course', () => {
    expect(cards.length).toBeGreaterThan(catalog.lessons.length * 3 + catalog.checks.length * 2);
  });
  it.each(cards)('%s as a message', (_, card) => {
    const rendered = cardToMessage(card);
    expect(blockKitProblems(rendered.blocks, 'message')).toEqual([]);
    expect(rendered.text.length).toBeGreaterThan(0);
    expect(rendered.text.length).toBeLessThanOrEqual(3000);
  });
  it.each(cards)('%s in a modal and on Home', (name, card) => {
    expect(modalProblems(cardToModal(card, { title: name, callbackId: 'tutor.card' }))).toEqual([]);
    expect(blockKitProblems(cardToHome([card]).blocks, 'home')).toEqual([]);
  });
  it('puts every lesson, both modes, into one message without shortening', () => {
    for (const [name, card] of cards.filter(([n]) => n.startsWith('lesson')))
      expect(JSON.stringify(message(card)), name).not.toContain(SHORTENED_NOTE);
  });
  it('renders the 500-member report with every row, splitting long text into sections', () => {
    const blocks = message(reportCard(teamReport(500), { maxRows: 500, showScores: true }));
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
    // Rows are split across sections, not lost: every member's name is there.
    expect(
      sectionTexts(blocks)
        .join('\n')
        .match(/Maximiliane/g)?.length,
    ).toBeGreaterThanOrEqual(500);
  });
  it('fits a Home tab with progress and the biggest report', () => {
    const [progress] = progressCards();
    const report = reportCard(teamReport(500), { maxRows: 500, showScores: true });
    const home = cardToHome([progress?.card ?? report, report, report]);
    expect(blockKitProblems(home.blocks, 'home')).toEqual([]);
  });
});

describe('the limits checker', () => {
  const long = (n: number) => 'x'.repeat(n);
  const btn = (id: string, extra: object = {}) => ({
    type: 'button' as const,
    action_id: id,
    text: { type: 'plain_text' as const, text: 'ok' },
    ...extra,
  });
  it('accepts valid blocks and catches each kind of violation', () => {
    expect(blockKitProblems([{ type: 'actions', elements: [btn('a')] }], 'message')).toEqual([]);
    const bad: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: long(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: long(3001) } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: long(2001) })) },
      { type: 'actions', block_id: long(256), elements: [btn('a'), btn('a'), btn(long(256))] },
      { type: 'actions', elements: [btn('b', { value: long(2001), text: { type: 'plain_text', text: long(76) } })] },
      { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => btn(`c${i}`)) },
      { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'x' })) },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'pick' },
        accessory: {
          type: 'static_select',
          action_id: 's',
          options: Array.from({ length: 101 }, (_, i) => ({
            text: { type: 'plain_text', text: long(76) },
            value: `${i}`,
          })),
        },
      },
    ];
    const problems = blockKitProblems(bad, 'message').join('\n');
    for (const expected of [
      '3001 chars',
      '151 chars',
      '11 fields',
      '2001 chars',
      'bad block_id',
      'duplicate action_id',
    ])
      expect(problems).toContain(expected);
    for (const expected of ['bad action_id', 'value 2001', '76 chars', '26 elements', '11 elements', '101 options'])
      expect(problems).toContain(expected);
    const many = Array.from({ length: 51 }, (): KnownBlock => ({ type: 'divider' }));
    expect(blockKitProblems(many, 'message')).toEqual(['51 blocks > 50 in a message']);
    expect(blockKitProblems(many, 'modal')).toEqual([]);
  });
});

describe('rendering', () => {
  it('cuts a long header and keeps the subtitle as context', () => {
    const blocks = message({ summary: 's', blocks: [{ kind: 'header', title: 'T'.repeat(300), subtitle: '_sub_' }] });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: `${'T'.repeat(149)}…` } });
    expect(blocks[1]).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: '_sub_' }] });
  });
  it('splits text over 3,000 characters at line boundaries, losing nothing', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} **${'word '.repeat(10)}**`);
    const texts = sectionTexts(message({ summary: 's', blocks: [{ kind: 'text', text: lines.join('\n') }] }));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('\n')).toBe(lines.map((l) => l.replace(/\*\*/g, '*')).join('\n'));
  });
  it('chunks fields by 10 with bold labels, and buttons by 25 with unique action ids', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const buttons = Array.from({ length: 60 }, (_, i) => button('quiz.answer', `Option ${i}`, { option: `${i}` }));
    const blocks = message({
      summary: 's',
      blocks: [
        { kind: 'fields', fields },
        { kind: 'actions', buttons },
      ],
    });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'actions', 'actions', 'actions']);
    expect(blocks[0]?.type === 'section' && blocks[0].fields?.[0]).toMatchObject({ type: 'mrkdwn', text: '*L0*\nv0' });
    const ids = elementsOf(blocks).map((e) => e.action_id ?? '');
    expect(new Set(ids).size).toBe(60);
    expect(ids.every((id) => actionOf(id) === 'quiz.answer')).toBe(true);
  });
  it('shortens a card that would exceed 50 blocks, keeping its last buttons', () => {
    const card: Card = {
      summary: 's',
      blocks: [
        ...Array.from({ length: 80 }, () => ({ kind: 'context' as const, text: 'note' })),
        { kind: 'actions', buttons: [button('report.csv', 'Download CSV')] },
      ],
    };
    const blocks = message(card);
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks[48])).toContain(SHORTENED_NOTE);
    expect(blocks[49]).toMatchObject({ type: 'actions' });
    expect(cardToHome([card]).blocks).toHaveLength(81);
  });
  it('merges text sections before shortening anything', () => {
    const blocks = message({
      summary: 's',
      blocks: Array.from({ length: 70 }, (_, i) => ({ kind: 'text', text: `t${i}` })),
    });
    expect(blocks).toHaveLength(1);
    expect(JSON.stringify(blocks)).not.toContain(SHORTENED_NOTE);
  });
  it('caps a select at 100 options and drops a button value over 2,000 characters', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const submit = button('quiz.sort', 'Submit', { big: 'x'.repeat(2100) });
    const blocks = message({
      summary: 's',
      blocks: [
        {
          kind: 'form',
          id: 'f',
          selects: [{ kind: 'select', id: 'a', label: 'A', placeholder: 'p', options }],
          submit,
        },
      ],
    });
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
    const [select, submitButton] = elementsOf(blocks);
    expect(select).toMatchObject({ type: 'static_select' });
    expect(select?.options?.length).toBe(100);
    expect(submitButton).not.toHaveProperty('value');
  });
  it('escapes hostile text in blocks and in the fallback text', () => {
    const rendered = cardToMessage({ summary: '<!channel> & co', blocks: [{ kind: 'text', text: '<!here> <@U1>' }] });
    expect(rendered.text).toBe('&lt;!channel&gt; &amp; co');
    expect(sectionTexts(rendered.blocks)).toEqual(['&lt;!here&gt; &lt;@U1&gt;']);
  });
});
