/**
 * An independent checker of Slack's Block Kit limits (written from Slack's reference, not from the
 * renderer's constants), so a renderer bug cannot hide behind a shared mistake. Returns a readable
 * list of problems; an empty list means Slack would accept the blocks as far as these limits go.
 */
import type { AnyBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => {
  const t = rec(v).text;
  return typeof t === 'string' ? t : undefined;
};

export function blockKitProblems(blocks: readonly AnyBlock[], surface: 'message' | 'modal' | 'home'): string[] {
  const problems: string[] = [];
  const maxBlocks = surface === 'message' ? 50 : 100;
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks} in a ${surface}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();

  const textAt = (where: string, v: unknown, max: number) => {
    const t = text(v);
    if (t === undefined) problems.push(`${where}: no text`);
    else if (t.length > max) problems.push(`${where}: ${t.length} chars > ${max}`);
    else if (t.trim() === '') problems.push(`${where}: empty text`);
  };
  const idAt = (where: string, id: unknown, seen: Set<string>, kind: string) => {
    if (id === undefined) return;
    if (typeof id !== 'string' || id.length === 0 || id.length > 255) problems.push(`${where}: bad ${kind} ${id}`);
    else if (seen.has(id)) problems.push(`${where}: duplicate ${kind} ${id}`);
    else seen.add(id);
  };
  const element = (where: string, raw: unknown) => {
    const e = rec(raw);
    idAt(where, e.action_id, actionIds, 'action_id');
    if (e.type === 'button') {
      textAt(`${where} button text`, e.text, 75);
      if (typeof e.value === 'string' && e.value.length > 2000)
        problems.push(`${where}: value ${e.value.length} > 2000`);
      if (typeof e.url === 'string' && e.url.length > 3000) problems.push(`${where}: url > 3000`);
    } else if (e.type === 'static_select') {
      const options = list(e.options);
      if (options.length === 0 || options.length > 100) problems.push(`${where}: ${options.length} options`);
      options.forEach((o, i) => {
        textAt(`${where} option ${i}`, rec(o).text, 75);
        const value = rec(o).value;
        if (typeof value !== 'string' || value.length > 75) problems.push(`${where} option ${i}: bad value`);
      });
      if (e.placeholder !== undefined) textAt(`${where} placeholder`, e.placeholder, 150);
    } else problems.push(`${where}: unexpected element ${String(e.type)}`);
  };

  blocks.forEach((raw, i) => {
    const b = rec(raw);
    const at = `blocks[${i}] (${String(b.type)})`;
    idAt(at, b.block_id, blockIds, 'block_id');
    switch (b.type) {
      case 'header':
        textAt(at, b.text, 150);
        break;
      case 'section': {
        const fields = list(b.fields);
        if (b.text !== undefined) textAt(at, b.text, 3000);
        else if (fields.length === 0) problems.push(`${at}: neither text nor fields`);
        if (fields.length > 10) problems.push(`${at}: ${fields.length} fields > 10`);
        fields.forEach((f, j) => {
          textAt(`${at} field ${j}`, f, 2000);
        });
        if (b.accessory !== undefined) element(`${at} accessory`, b.accessory);
        break;
      }
      case 'context': {
        const elements = list(b.elements);
        if (elements.length === 0 || elements.length > 10) problems.push(`${at}: ${elements.length} elements`);
        elements.forEach((e, j) => {
          textAt(`${at} element ${j}`, e, 3000);
        });
        break;
      }
      case 'actions': {
        const elements = list(b.elements);
        if (elements.length === 0 || elements.length > 25) problems.push(`${at}: ${elements.length} elements`);
        elements.forEach((e, j) => {
          element(`${at} element ${j}`, e);
        });
        break;
      }
      case 'input':
        if (surface === 'message') problems.push(`${at}: input blocks do not submit from a message`);
        textAt(`${at} label`, b.label, 2000);
        element(`${at} element`, b.element);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  return problems;
}

/** The view-level limits of a modal on top of its blocks'. */
export function modalProblems(view: ModalView): string[] {
  const problems = blockKitProblems(view.blocks, 'modal');
  if (view.title.text.length > 24 || view.title.text.length === 0) problems.push('title not 1-24 chars');
  if (view.submit && view.submit.text.length > 24) problems.push('submit label > 24 chars');
  if (view.blocks.some((b) => b.type === 'input') && !view.submit) problems.push('input blocks without submit');
  if ((view.callback_id?.length ?? 0) > 255) problems.push('callback_id > 255');
  if ((view.private_metadata?.length ?? 0) > 3000) problems.push('private_metadata > 3000');
  return problems;
}

/** The text of every section, in order. */
export const sectionTexts = (blocks: readonly AnyBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' ? [(b as SectionBlock).text?.text ?? ''] : []));
/** The interactive elements of rendered blocks, seen through the fields the tests read. */
export type Element = { type: string; action_id?: string; value?: string; options?: { value?: string }[] };
export const elementsOf = (blocks: readonly KnownBlock[]): Element[] =>
  blocks.flatMap((b): Element[] =>
    b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : [],
  );
