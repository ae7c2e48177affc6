import type { Surface } from './actions.js';
import type { Card } from './card.js';
import { helpCard } from './notice.js';

/** A short hello when the app is installed: what the tutor does, then the commands (the help card's lines). */
export function welcomeCard(surface: Surface, where = ''): Card {
  const help = helpCard(surface);
  return {
    summary: 'Hi, I am your tutor: bite-sized AI lessons right here',
    blocks: [
      { kind: 'header', title: 'Hi, I am your tutor', subtitle: 'AI Foundations for PMs, one minute a day' },
      {
        kind: 'text',
        text: `I teach the course in short lessons with a concept check after each, bring back what you missed, and answer "what would it cost?" with the arithmetic shown.${where ? ` ${where}` : ''}`,
      },
      ...help.blocks.filter((b) => b.kind !== 'header'),
    ],
  };
}
