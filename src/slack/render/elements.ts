/**
 * Block Kit's limits and the few text elements every block is built from, plus `fit`, which keeps
 * a whole surface within its block count.
 */
import type { ContextBlock, KnownBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';

export type Surface = 'message' | 'modal' | 'home';

/** Slack's documented Block Kit limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocks: { message: 50, modal: 100, home: 100 },
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  actionsElements: 25,
  buttonText: 75,
  optionText: 75,
  optionValue: 75,
  options: 100,
  header: 150,
  placeholder: 150,
  inputLabel: 2000,
  viewTitle: 24,
  fallbackText: 3000,
} as const;

export const SHORTENED_NOTE = '…shortened; ask for the CSV / full text';

export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });
// verbatim: without it Slack auto-parses bare "@channel" or "#general" in content and user text.
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

const isPlainSection = (b: KnownBlock | undefined): b is SectionBlock & { text: MrkdwnElement } =>
  b?.type === 'section' && b.text?.type === 'mrkdwn' && !b.fields && !b.accessory && !b.block_id;

/**
 * Keeps a surface within its block count: first merge neighbouring text sections that fit together,
 * then cut the middle, keeping the head, a note saying so, and a closing row of buttons.
 */
export function fitBlocks(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const merged: KnownBlock[] = [];
  for (const b of blocks) {
    const prev = merged[merged.length - 1];
    if (
      isPlainSection(prev) &&
      isPlainSection(b) &&
      prev.text.text.length + 2 + b.text.text.length <= LIMITS.sectionText
    )
      merged[merged.length - 1] = section(`${prev.text.text}\n\n${b.text.text}`);
    else merged.push(b);
  }
  if (merged.length <= max) return merged;
  const last = merged[merged.length - 1];
  const tail = last?.type === 'actions' ? [last] : [];
  return [...merged.slice(0, max - 1 - tail.length), context(`_${SHORTENED_NOTE}_`), ...tail];
}
