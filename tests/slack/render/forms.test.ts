import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { SortCheck } from '../../../src/core/content/schema.js';
import { grade } from '../../../src/core/quiz/grade.js';
import { shownOrder } from '../../../src/core/quiz/order.js';
import {
  actionOf,
  cardToBlocks,
  cardToModal,
  formSelectionsFromState,
  parseActionValue,
  parseFormBlockId,
} from '../../../src/slack/render/blocks.js';
import type { Card } from '../../../src/views/card.js';
import { checkCard } from '../../../src/views/quiz.js';
import { catalog } from '../../views/gallery.js';
import { elementsOf } from './limits.js';

const message = (card: Card) => cardToBlocks(card, { surface: 'message' });

describe('concept checks round-trip through Slack payloads', () => {
  const sorts = catalog.checks.filter((c): c is SortCheck => c.kind === 'sort');
  const pick = (blocks: readonly KnownBlock[], check: SortCheck) => {
    // What Slack sends back: { [block_id]: { [action_id]: { type, selected_option } } }.
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of blocks) {
      const element = b.type === 'input' ? b.element : b.type === 'section' ? b.accessory : undefined;
      const ids = parseFormBlockId(b.block_id);
      if (element?.type !== 'static_select' || !b.block_id || !ids?.selectId) continue;
      const answer = check.items.find((i) => i.id === ids.selectId)?.answer;
      const option = element.options?.find((o) => o.value === answer);
      values[b.block_id] = { [element.action_id ?? '']: { type: 'static_select', selected_option: option ?? null } };
    }
    return values;
  };
  it.each(sorts.map((c) => [c.id, c] as const))('sort quiz %s in a message: selects, then Submit', (_, check) => {
    const blocks = message(checkCard(check, { number: 1, of: 9 }, 'nonce-1'));
    const submit = blocks.findLast((b) => b.type === 'actions');
    expect(submit?.type === 'actions' && parseFormBlockId(submit.block_id)).toEqual({ formId: `sort:${check.id}` });
    const state = { values: pick(blocks, check) }; // body.state of the block_actions payload
    const placements = formSelectionsFromState(state, `sort:${check.id}`);
    expect(Object.keys(placements)).toHaveLength(check.items.length);
    const graded = grade(check, { kind: 'sort', placements });
    expect(graded.ok && graded.grade.correct).toBe(true);
    const value = submit?.type === 'actions' ? submit.elements[0] : undefined;
    expect(parseActionValue(value && 'value' in value ? value.value : undefined)).toEqual({
      check: check.id,
      nonce: 'nonce-1',
    });
  });
  it.each(sorts.map((c) => [c.id, c] as const))('sort quiz %s in a modal: input blocks and metadata', (_, check) => {
    const view = cardToModal(checkCard(check, { number: 1, of: 9 }, 'n2'), {
      title: 'Concept check',
      callbackId: 'quiz.sort',
    });
    expect(view.submit?.text).toBe('Submit');
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(check.items.length);
    const viewState = { state: { values: pick(view.blocks as KnownBlock[], check) } }; // view of view_submission
    const graded = grade(check, {
      kind: 'sort',
      placements: formSelectionsFromState(viewState.state, `sort:${check.id}`),
    });
    expect(graded.ok && graded.grade.correct).toBe(true);
    expect(parseActionValue(view.private_metadata)).toEqual({ check: check.id, nonce: 'n2', form: `sort:${check.id}` });
  });
  it('choice buttons carry the check, the option and the nonce', () => {
    const check = catalog.checks.find((c) => c.kind === 'choice');
    if (check?.kind !== 'choice') throw new Error('no choice check');
    const buttons = elementsOf(message(checkCard(check, { number: 2, of: 9 }, 'n3')));
    expect(buttons.map((b) => actionOf(b.action_id ?? ''))).toEqual(check.options.map(() => 'quiz.answer'));
    // In the card's own order, which its nonce decides.
    expect(buttons.map((b) => ('value' in b ? parseActionValue(b.value) : undefined))).toEqual(
      shownOrder(check, 'n3').options.map((o) => ({ check: check.id, option: o.id, nonce: 'n3' })),
    );
  });
});
