/**
 * The Teams renderer: the platform-neutral card model (src/views/card.ts) → an Adaptive Card 1.5.
 * Pure and deterministic, so the same card renders to the same JSON and a sent card can be
 * replaced in place (updateActivity) by rendering its successor.
 */
import type { Block, Button, Card, Select } from '../../views/card.js';
import { toTeamsMarkdown, toTeamsPlain, toTeamsPlainMarkdown } from './markup.js';
import { isReservedKey, selectInputId } from './submit.js';
import type {
  ActionJson,
  ActionSetJson,
  AdaptiveCardJson,
  ChoiceSetJson,
  ContainerJson,
  ElementJson,
  SubmitActionJson,
  SubmitData,
  TextBlockJson,
} from './types.js';

export { readSubmit, SELECT_PREFIX, type Submit, selectInputId } from './submit.js';
export type { AdaptiveCardJson } from './types.js';

export interface RenderOptions {
  /** Identifies this sent card; written into every submit so the bot can tell a stale card. */
  readonly cardId?: string;
}

/** The Adaptive Cards default host config shows at most five actions in a row and drops the rest. */
export const MAX_ACTIONS_PER_ROW = 5;
/** Teams cuts a button title to one short line (shorter still on phones); longer labels become rows. */
export const LONG_LABEL = 30;

interface Context {
  readonly cardId: string | undefined;
  /** A card with inputs validates them on every submit unless a button opts out. */
  readonly hasInputs: boolean;
}

const STYLE = { primary: 'positive', danger: 'destructive' } as const;
const TONE = { good: 'Good', bad: 'Attention', attention: 'Warning' } as const;
/** The longest text given a colour other than the default (see the 'text' case). */
export const MAX_COLOURED_WORDS = 6;

function submitData(button: Button, ctx: Context): SubmitData {
  const data: Record<string, string | { type: 'task/fetch' }> = { action: button.action };
  for (const [key, value] of Object.entries(button.value)) if (!isReservedKey(key)) data[key] = value;
  if (ctx.cardId !== undefined) data.cardId = ctx.cardId;
  // Teams opens a dialog (task module) for this button and asks the bot what to show in it.
  if (button.dialog) data.msteams = { type: 'task/fetch' };
  return data;
}

const styleOf = (button: Button) => (button.style && button.style !== 'default' ? STYLE[button.style] : undefined);

function submit(button: Button, ctx: Context, inForm: boolean): SubmitActionJson {
  const style = styleOf(button);
  return {
    type: 'Action.Submit',
    title: toTeamsPlain(button.label),
    data: submitData(button, ctx),
    ...(style ? { style } : {}),
    ...(ctx.hasInputs && !inForm ? { associatedInputs: 'none' as const } : {}),
  };
}

function action(button: Button, ctx: Context, inForm = false): ActionJson {
  if (!button.url) return submit(button, ctx, inForm);
  const style = styleOf(button);
  return { type: 'Action.OpenUrl', title: toTeamsPlain(button.label), url: button.url, ...(style ? { style } : {}) };
}

const actionSet = (actions: readonly ActionJson[]): ActionSetJson => ({ type: 'ActionSet', actions });

/** A long-labelled button as a tappable, wrapping row that sends exactly what the button would. */
const row = (button: Button, ctx: Context): ContainerJson => ({
  type: 'Container',
  style: 'emphasis',
  spacing: 'Small',
  selectAction: submit(button, ctx, false),
  // A TextBlock reads markdown, unlike a button title: the label must stay plain text there too.
  items: [{ type: 'TextBlock', text: toTeamsPlainMarkdown(button.label), wrap: true }],
});

function buttons(list: readonly Button[], ctx: Context): ElementJson[] {
  if (list.some((b) => !b.url && b.label.length > LONG_LABEL))
    return list.map((b) => (b.url ? actionSet([action(b, ctx)]) : row(b, ctx)));
  const rows: ElementJson[] = [];
  for (let i = 0; i < list.length; i += MAX_ACTIONS_PER_ROW)
    rows.push(actionSet(list.slice(i, i + MAX_ACTIONS_PER_ROW).map((b) => action(b, ctx))));
  return rows;
}

const choiceSet = (select: Select): ChoiceSetJson => ({
  type: 'Input.ChoiceSet',
  id: selectInputId(select.id),
  label: toTeamsPlain(select.label),
  isRequired: true,
  errorMessage: 'Choose one before you submit.',
  style: 'compact',
  placeholder: toTeamsPlain(select.placeholder),
  choices: select.options.map((o) => ({ title: toTeamsPlain(o.label), value: o.value })),
  ...(select.initial !== undefined ? { value: select.initial } : {}),
});

const textBlock = (text: string, extra: Omit<TextBlockJson, 'type' | 'text' | 'wrap'> = {}): TextBlockJson[] =>
  text ? [{ type: 'TextBlock', text, wrap: true, ...extra }] : [];

function elements(block: Block, ctx: Context): ElementJson[] {
  switch (block.kind) {
    case 'header':
      return [
        // Titles are plain text (Slack's header block takes no markup); subtitles may carry markup.
        ...textBlock(toTeamsPlainMarkdown(block.title), { size: 'Large', weight: 'Bolder' }),
        ...textBlock(toTeamsMarkdown(block.subtitle ?? ''), { isSubtle: true, spacing: 'None' }),
      ];
    case 'text': {
      // Teams' Good/Attention colours are light on white: fine for a short mark such as "✓ Right
      // answer", too faint for reading (about 2:1 against the 4.5:1 guideline). Longer text keeps the
      // default colour, whatever its tone.
      const short = block.text.split(/\s+/).length <= MAX_COLOURED_WORDS;
      const color = block.tone && block.tone !== 'normal' && short ? TONE[block.tone] : undefined;
      return textBlock(toTeamsMarkdown(block.text), color ? { color } : {});
    }
    case 'context':
      return textBlock(toTeamsMarkdown(block.text), { isSubtle: true, size: 'Small' });
    case 'fields':
      return block.fields.length === 0
        ? []
        : [
            {
              type: 'FactSet',
              facts: block.fields.map((f) => ({
                title: toTeamsPlainMarkdown(f.label),
                value: toTeamsMarkdown(f.value),
              })),
            },
          ];
    case 'divider':
      return [];
    case 'actions':
      return buttons(block.buttons, ctx);
    case 'form':
      return [...block.selects.map(choiceSet), actionSet([action(block.submit, ctx, true)])];
  }
}

/**
 * Renders a card. Everything, actions included, goes in `body` in the card's order (an ActionSet
 * where the model has an actions block), so a divider can separate any part and nothing moves.
 */
export function cardToAdaptiveCard(card: Card, options: RenderOptions = {}): AdaptiveCardJson {
  const ctx: Context = {
    cardId: options.cardId,
    hasInputs: card.blocks.some((b) => b.kind === 'form' && b.selects.length > 0),
  };
  const body: ElementJson[] = [];
  let separate = false;
  for (const block of card.blocks) {
    if (block.kind === 'divider') {
      // A divider is a line above whatever follows it; before the first element it means nothing.
      separate = body.length > 0;
      continue;
    }
    const [first, ...rest] = elements(block, ctx);
    if (!first) continue;
    body.push(separate ? { ...first, separator: true } : first, ...rest);
    separate = false;
  }
  // An empty card body renders as a blank bubble in Teams; say at least what the card is about.
  if (body.length === 0) body.push(...textBlock(toTeamsMarkdown(card.summary) || ' '));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    msteams: { width: 'Full' },
  };
}
