import { type Card, userText } from '../../views/card.js';
import { helpCard } from '../../views/notice.js';
import type { Conversation } from './conversation.js';

/** What the tutor can do, spelled as this surface spells commands; with what was not understood first. */
export function helpFor(conv: Pick<Conversation, 'surface'>, unknown?: string): Card {
  const help = helpCard(conv.surface);
  if (!unknown) return help;
  const note = `I didn't understand “${userText(unknown.slice(0, 80))}”. Here is what I can do:`;
  return { ...help, blocks: [{ kind: 'text', text: note }, ...help.blocks] };
}
