import { type Block, type Card, type LiteralAt, mentionLabels, openLiterals, sealLiterals } from './card.js';

/** A character that can start our markup or an escape; most labels have none. */
const MARKUP = /[[*_`\\]/;

/**
 * Inline markup to plain text: bold and italics markers go, links show their address, mentions
 * show their name, and what `userText` escaped shows as typed.
 */
export function plainText(raw: string, literal: (c: string, at: LiteralAt) => string = (c) => c): string {
  const text = mentionLabels(raw);
  if (!MARKUP.test(text)) return text;
  return openLiterals(
    sealLiterals(text)
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '$1 <$2>')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
      .replace(/`([^`\n]+)`/g, '$1'),
    literal,
  );
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'header':
      return block.subtitle ? `${plainText(block.title)}\n${plainText(block.subtitle)}` : plainText(block.title);
    case 'text':
      return plainText(block.text);
    case 'context':
      return `(${plainText(block.text)})`;
    case 'fields':
      return block.fields.map((f) => `${plainText(f.label)}: ${plainText(f.value)}`).join('\n');
    case 'divider':
      return '—'.repeat(20);
    case 'actions':
      return `[ ${block.buttons.map((b) => plainText(b.url ? `${b.label} <${b.url}>` : b.label)).join(' ] [ ')} ]`;
    case 'form':
      return block.selects
        .map(
          (s, i) =>
            `${i + 1}. ${plainText(s.label)}\n   choices: ${s.options.map((o) => plainText(o.label)).join(' | ')}`,
        )
        .join('\n');
  }
}

/** A card without its buttons: what a terminal prints, where nothing can be clicked. */
export const withoutButtons = (card: Card): Card => ({
  ...card,
  blocks: card.blocks.filter((b) => b.kind !== 'actions'),
});

/** The plain-text form of any card: the CLI prints it, and chat platforms use it as fallback text. */
export function cardToText(card: Card): string {
  // Control characters from untrusted text (a display name with ANSI escapes) must not reach a terminal.
  return card.blocks
    .map(blockText)
    .join('\n\n')
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
      '',
    );
}
