/**
 * The Slack renderer: a pure function from the platform-neutral card model to Block Kit, typed with
 * @slack/types. Slack rejects a whole message for one field over its limit, so every limit is met
 * by construction here (cut, split or shortened with a note) instead of being left to the content.
 */
import type {
  ActionsBlock,
  Button as BlockButton,
  ContextBlock,
  HomeView,
  KnownBlock,
  ModalView,
  PlainTextOption,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import type { Block, Button, Card, Select } from '../../views/card.js';
import { plainText } from '../../views/text.js';
import { context, fitBlocks, LIMITS, mrkdwn, plain, type Surface, section } from './elements.js';
import { clampMrkdwn, clampPlain, escapeMrkdwn, literalMrkdwn, mrkdwnChunks, plainLabel, toMrkdwn } from './markup.js';
import { actionId, formBlockId, MAX_ID, MAX_METADATA, MAX_VALUE, SELECT_ACTION_PREFIX } from './payload.js';

export { LIMITS, SHORTENED_NOTE } from './elements.js';
export {
  actionOf,
  formBlockId,
  formSelectionsFromState,
  parseActionValue,
  parseFormBlockId,
  SELECT_ACTION_PREFIX,
} from './payload.js';

export type { Surface };
export interface RenderOptions {
  readonly surface: Surface;
}

/** Slack rejects empty texts, so a label that renders to nothing falls back to something visible. */
const label = (text: string, max: number, fallback: string) => plainLabel(text, max) || clampPlain(fallback, max);

/** Running state while rendering one message or view: action ids must be unique across all of it. */
interface Ctx {
  readonly surface: Surface;
  n: number;
}

function button(b: Button, ctx: Ctx): BlockButton {
  const value = JSON.stringify(b.value);
  return {
    type: 'button',
    action_id: actionId(b.action, ctx.n++),
    text: plain(label(b.label, LIMITS.buttonText, b.action)),
    // Values are small by design; one that is not is dropped, and the listener refuses the click.
    ...(value.length <= MAX_VALUE ? { value } : {}),
    ...(b.style === 'primary' || b.style === 'danger' ? { style: b.style } : {}),
    ...(b.url ? { url: b.url } : {}),
  };
}

function actions(buttons: readonly Button[], ctx: Ctx, blockId?: string): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    const elements = buttons.slice(i, i + LIMITS.actionsElements).map((b) => button(b, ctx));
    blocks.push(blockId && i === 0 ? { type: 'actions', block_id: blockId, elements } : { type: 'actions', elements });
  }
  return blocks;
}

function select(s: Select, ctx: Ctx): StaticSelect {
  const options: PlainTextOption[] = s.options.slice(0, LIMITS.options).map((o) => ({
    text: plain(label(o.label, LIMITS.optionText, o.value)),
    value: o.value.slice(0, LIMITS.optionValue),
  }));
  const initial = options.find((o) => o.value === s.initial);
  return {
    type: 'static_select',
    action_id: `${SELECT_ACTION_PREFIX}${ctx.n++}`,
    placeholder: plain(label(s.placeholder, LIMITS.placeholder, 'Choose')),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** An id too long for Slack is left out (Slack makes one up); that select then reads back as unchosen. */
const blockId = (id: string) => (id.length <= MAX_ID ? { block_id: id } : {});

/**
 * Messages and Home: a section per select with the select beside its item, then the submit button;
 * Slack sends every select's state with the click. Modals: input blocks, submitted by the view.
 */
function form(f: Extract<Block, { kind: 'form' }>, ctx: Ctx): KnownBlock[] {
  const blocks: KnownBlock[] = f.selects.map((s): KnownBlock => {
    const id = blockId(formBlockId(f.id, s.id));
    const text = clampMrkdwn(toMrkdwn(s.label), LIMITS.sectionText) || escapeMrkdwn(s.id) || '…';
    if (s.options.length === 0) return section(text); // Slack rejects a select without options
    if (ctx.surface === 'modal')
      return { type: 'input', ...id, label: plain(label(s.label, LIMITS.inputLabel, s.id)), element: select(s, ctx) };
    return { ...section(text), ...id, accessory: select(s, ctx) };
  });
  if (ctx.surface !== 'modal') blocks.push(...actions([f.submit], ctx, formBlockId(f.id)));
  return blocks;
}

function fields(list: Extract<Block, { kind: 'fields' }>['fields']): SectionBlock[] {
  const texts = list.map((f) => {
    const name = literalMrkdwn(plainText(f.label).trim());
    return clampMrkdwn(name ? `*${name}*\n${toMrkdwn(f.value)}` : toMrkdwn(f.value) || '—', LIMITS.fieldText);
  });
  const blocks: SectionBlock[] = [];
  for (let i = 0; i < texts.length; i += LIMITS.fields)
    blocks.push({ type: 'section', fields: texts.slice(i, i + LIMITS.fields).map(mrkdwn) });
  return blocks;
}

function contextText(text: string): ContextBlock[] {
  const rendered = clampMrkdwn(toMrkdwn(text), LIMITS.sectionText);
  return rendered.trim() ? [context(rendered)] : [];
}

function render(block: Block, ctx: Ctx): KnownBlock[] {
  switch (block.kind) {
    case 'header': {
      const title = plainLabel(block.title, LIMITS.header);
      const head: KnownBlock[] = title ? [{ type: 'header', text: plain(title) }] : [];
      return block.subtitle ? [...head, ...contextText(block.subtitle)] : head;
    }
    // Tone has no Block Kit equivalent (no coloured sections); the builders' text carries ✓ / ✗.
    case 'text':
      return mrkdwnChunks(block.text, LIMITS.sectionText).map(section);
    case 'fields':
      return fields(block.fields);
    case 'context':
      return contextText(block.text);
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return actions(block.buttons, ctx);
    case 'form':
      return form(block, ctx);
  }
}

const renderCard = (card: Card, ctx: Ctx) => card.blocks.flatMap((b) => render(b, ctx));

/** A card as Block Kit blocks for one surface, within that surface's limits. */
export function cardToBlocks(card: Card, options: RenderOptions): KnownBlock[] {
  return fitBlocks(renderCard(card, { surface: options.surface, n: 0 }), LIMITS.blocks[options.surface]);
}

/** `chat.postMessage` / `chat.update` arguments: blocks plus the notification and fallback text. */
export function cardToMessage(card: Card, options: RenderOptions = { surface: 'message' }) {
  const text = clampMrkdwn(toMrkdwn(card.summary, false), LIMITS.fallbackText) || 'chat-tutor';
  return { text, blocks: cardToBlocks(card, options) };
}

export interface ModalOptions {
  readonly title: string;
  readonly callbackId: string;
  readonly submitLabel?: string;
  /** Defaults, for a card with a form, to the form's submit value plus `form` (its id), as JSON. */
  readonly privateMetadata?: string;
}

/** A modal for `views.open`; a card with a form is submitted by the modal's own Submit button. */
export function cardToModal(card: Card, options: ModalOptions): ModalView {
  const f = card.blocks.find((b) => b.kind === 'form');
  const metadata = options.privateMetadata ?? (f ? JSON.stringify({ ...f.submit.value, form: f.id }) : undefined);
  const submit = options.submitLabel ?? f?.submit.label;
  return {
    type: 'modal',
    title: plain(label(options.title, LIMITS.viewTitle, 'chat-tutor')),
    callback_id: options.callbackId.slice(0, MAX_ID),
    blocks: cardToBlocks(card, { surface: 'modal' }),
    ...(submit ? { submit: plain(label(submit, LIMITS.viewTitle, 'Submit')), close: plain('Cancel') } : {}),
    ...(metadata !== undefined && metadata.length <= MAX_METADATA ? { private_metadata: metadata } : {}),
  };
}

/** The App Home tab for `views.publish`: the cards one after another, a divider between them. */
export function cardToHome(cards: readonly Card[]): HomeView {
  const ctx: Ctx = { surface: 'home', n: 0 };
  const blocks = cards.flatMap((card, i): KnownBlock[] => [
    ...(i > 0 ? [{ type: 'divider' as const }] : []),
    ...renderCard(card, ctx),
  ]);
  return { type: 'home', blocks: fitBlocks(blocks, LIMITS.blocks.home) };
}
