import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SortCheck } from '../../../src/core/content/schema.js';
import { grade } from '../../../src/core/quiz/grade.js';
import { shownOrder } from '../../../src/core/quiz/order.js';
import {
  type AdaptiveCardJson,
  cardToAdaptiveCard,
  MAX_ACTIONS_PER_ROW,
  readSubmit,
} from '../../../src/teams/render/adaptive-card.js';
import { button, type Card, linkButton } from '../../../src/views/card.js';
import { noticeCard } from '../../../src/views/notice.js';
import { checkCard } from '../../../src/views/quiz.js';
import { allCards, catalog } from '../../views/gallery.js';
import { createValidator, type Validator } from './validate.js';

const cards = allCards();
let validator: Validator;
beforeAll(() => {
  validator = createValidator();
});
afterAll(() => validator.dispose());

const card = (blocks: Card['blocks']): Card => ({ summary: 'test card', blocks });
const render = (c: Card, cardId?: string) => cardToAdaptiveCard(c, cardId ? { cardId } : {});
const find = (json: AdaptiveCardJson, type: string) => json.body.filter((e) => e.type === type);

describe('every card the app can render', () => {
  it('covers every lesson in both modes, every check, feedback, progress, reports and notices', () => {
    const count = (prefix: string) => cards.filter((c) => c.name.startsWith(prefix)).length;
    expect(count('lesson ')).toBe(catalog.lessons.length * 3);
    expect(count('check ')).toBe(catalog.checks.length);
    expect(count('feedback ')).toBeGreaterThan(catalog.checks.length * 2);
    expect(cards.map((c) => c.name)).toEqual(expect.arrayContaining(['report 500 members', 'help teams']));
  });

  it.each(cards.map((c) => [c.name, c.card] as const))('%s: valid Adaptive Card 1.5 under 80 KB', (_name, c) => {
    const json = cardToAdaptiveCard(c, { cardId: 'card-7f3a9c' });
    expect(validator.problems(json)).toEqual([]);
    expect(validator.lostProperties(json)).toEqual([]);
    expect(JSON.stringify(json).length).toBeLessThan(80 * 1024);
  });
});

describe('cardToAdaptiveCard', () => {
  it('writes the card envelope Teams expects, full width', () => {
    const json = render(noticeCard('Hello', 'World'));
    expect(json).toMatchObject({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: { width: 'Full' },
    });
    expect(json.actions).toBeUndefined();
  });

  it('maps header, text tones, fields, context and dividers', () => {
    const json = render(
      card([
        { kind: 'header', title: 'Title', subtitle: 'Sub' },
        { kind: 'text', text: 'ok', tone: 'good' },
        { kind: 'divider' },
        { kind: 'text', text: 'no', tone: 'bad' },
        { kind: 'text', text: 'hm', tone: 'attention' },
        { kind: 'fields', fields: [{ label: 'Streak', value: '**3** days' }] },
        { kind: 'context', text: 'small print' },
      ]),
    );
    expect(json.body).toEqual([
      { type: 'TextBlock', text: 'Title', wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: 'Sub', wrap: true, isSubtle: true, spacing: 'None' },
      { type: 'TextBlock', text: 'ok', wrap: true, color: 'Good' },
      { type: 'TextBlock', text: 'no', wrap: true, color: 'Attention', separator: true },
      { type: 'TextBlock', text: 'hm', wrap: true, color: 'Warning' },
      { type: 'FactSet', facts: [{ title: 'Streak', value: '**3** days' }] },
      { type: 'TextBlock', text: 'small print', wrap: true, isSubtle: true, size: 'Small' },
    ]);
  });

  it('turns buttons into Action.Submit with flat data (action, value, cardId) and links into Action.OpenUrl', () => {
    const json = render(
      card([
        {
          kind: 'actions',
          buttons: [
            button('lesson.open', 'Next', { lesson: '3.2', mode: 'essentials' }, 'primary'),
            button('report.nudge', 'Nudge', {}, 'danger'),
            button('quiz.start', 'Again', { check: 'c', action: 'evil', cardId: 'forged', sel_x: 'y' }),
            linkButton('Read', 'https://example.com/a?b=1'),
          ],
        },
      ]),
      'card-1',
    );
    expect(json.body).toEqual([
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Submit',
            title: 'Next',
            data: { action: 'lesson.open', lesson: '3.2', mode: 'essentials', cardId: 'card-1' },
            style: 'positive',
          },
          {
            type: 'Action.Submit',
            title: 'Nudge',
            data: { action: 'report.nudge', cardId: 'card-1' },
            style: 'destructive',
          },
          { type: 'Action.Submit', title: 'Again', data: { action: 'quiz.start', check: 'c', cardId: 'card-1' } },
          { type: 'Action.OpenUrl', title: 'Read', url: 'https://example.com/a?b=1' },
        ],
      },
    ]);
  });

  it(`splits more than ${MAX_ACTIONS_PER_ROW} buttons over several rows`, () => {
    const many = Array.from({ length: 7 }, (_, i) => button('lesson.open', `§3.${i + 1}`, { lesson: `3.${i + 1}` }));
    const sets = find(render(card([{ kind: 'actions', buttons: many }])), 'ActionSet');
    expect(sets.map((s) => (s.type === 'ActionSet' ? s.actions.length : 0))).toEqual([5, 2]);
  });

  it('shows answer options too long for a Teams button as tappable rows with the full text', () => {
    const check = catalog.checks.find((c) => c.kind === 'choice');
    if (check?.kind !== 'choice') throw new Error('the course has a choice check');
    const json = render(checkCard(check, { number: 2, of: 9 }, 'n-1'), 'card-2');
    const rows = find(json, 'Container');
    expect(rows).toHaveLength(check.options.length);
    const shown = shownOrder(check, 'n-1').options;
    rows.forEach((row, i) => {
      const option = shown[i];
      expect(row).toMatchObject({
        style: 'emphasis',
        selectAction: { type: 'Action.Submit', data: { action: 'quiz.answer', check: check.id, option: option?.id } },
        items: [{ type: 'TextBlock', text: option?.text, wrap: true }],
      });
      if (row.type === 'Container') expect(row.selectAction.data).toMatchObject({ nonce: 'n-1', cardId: 'card-2' });
    });
    expect(find(json, 'ActionSet')).toEqual([]);
  });

  it('renders a sort quiz as one required compact ChoiceSet per item plus a submit, and reads the submit back', () => {
    const check = catalog.checks.find((c): c is SortCheck => c.kind === 'sort');
    if (!check) throw new Error('the course has a sort check');
    const json = render(checkCard(check, { number: 1, of: 9 }, 'n-2'), 'card-3');
    const inputs = find(json, 'Input.ChoiceSet');
    expect(inputs).toHaveLength(check.items.length);
    const first = shownOrder(check, 'n-2').items[0];
    expect(inputs[0]).toEqual({
      type: 'Input.ChoiceSet',
      id: `sel_${first?.id}`,
      label: first?.text,
      isRequired: true,
      errorMessage: 'Choose one before you submit.',
      style: 'compact',
      placeholder: 'Choose a bucket',
      choices: check.categories.map((c) => ({ title: c.label, value: c.id })),
    });
    const submit = find(json, 'ActionSet')[0];
    if (submit?.type !== 'ActionSet' || submit.actions[0]?.type !== 'Action.Submit') throw new Error('a submit');
    expect(submit.actions[0].data).toEqual({ action: 'quiz.sort', check: check.id, nonce: 'n-2', cardId: 'card-3' });
    // What Teams sends back: the submit's data merged with every input's value.
    const answers = Object.fromEntries(check.items.map((it) => [`sel_${it.id}`, it.answer]));
    const read = readSubmit(JSON.parse(JSON.stringify({ ...submit.actions[0].data, ...answers })));
    expect(read?.action).toBe('quiz.sort');
    expect(read?.data).toEqual({ check: check.id, nonce: 'n-2', cardId: 'card-3' });
    const graded = grade(check, { kind: 'sort', placements: read?.selections ?? {} });
    expect(graded.ok && graded.grade.correct).toBe(true);
  });

  it('lets buttons beside a form submit without the form being filled in', () => {
    const json = render(
      card([
        {
          kind: 'form',
          id: 'f',
          selects: [
            {
              kind: 'select',
              id: 'a',
              label: 'A',
              placeholder: 'Pick',
              options: [{ value: '1', label: 'One' }],
              initial: '1',
            },
          ],
          submit: button('quiz.sort', 'Submit'),
        },
        { kind: 'actions', buttons: [button('quiz.start', 'Skip')] },
      ]),
    );
    const [formSubmit, other] = find(json, 'ActionSet');
    expect(formSubmit).toMatchObject({ actions: [{ title: 'Submit' }] });
    expect(formSubmit).not.toMatchObject({ actions: [{ associatedInputs: 'none' }] });
    expect(other).toMatchObject({ actions: [{ title: 'Skip', associatedInputs: 'none' }] });
    expect(find(json, 'Input.ChoiceSet')[0]).toMatchObject({ value: '1' });
    expect(validator.problems(json)).toEqual([]);
  });

  it('keeps placeholders in angle brackets visible where Teams would swallow them', () => {
    const json = render(noticeCard('Try <this>', 'Ask `cost <scenario>` or type <b>help</b>.'));
    const text = validator.renderedText(json);
    expect(text).toContain('cost ‹scenario›');
    expect(text).toContain('‹b›help‹/b›');
    expect(text).toContain('Try ‹this›');
    // The same text unescaped loses the placeholder in a Teams-like renderer: the test would notice.
    const raw = { ...json, body: [{ type: 'TextBlock', text: 'cost <scenario> now', wrap: true }] };
    expect(validator.renderedText(raw)).not.toContain('scenario');
  });

  it('is deterministic and never renders an empty body', () => {
    for (const { card: c } of cards.slice(0, 20)) expect(render(c, 'x')).toEqual(render(c, 'x'));
    expect(render({ summary: 'Nothing here', blocks: [{ kind: 'divider' }] }).body).toEqual([
      { type: 'TextBlock', text: 'Nothing here', wrap: true },
    ]);
  });
});
