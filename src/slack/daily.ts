import type { MemberRef } from '../app/tutor.js';
import type { Card } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import type { SlackDeps } from './context.js';
import type { Turn } from './intents.js';

/** `/tutor daily …` — wired to the scheduler below. */
export function dailyCommand(_args: string, _me: MemberRef, _turn: Turn, _deps: SlackDeps): Card {
  return noticeCard('Daily lessons', 'Daily lessons are being set up.');
}
