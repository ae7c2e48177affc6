import type { Surface } from './actions.js';
import type { Card } from './card.js';

/** A short message card: refusals, errors a person can act on, confirmations. */
export function noticeCard(
  title: string,
  text: string,
  tone: 'normal' | 'bad' | 'good' | 'attention' = 'normal',
): Card {
  return {
    summary: `${title}: ${text}`,
    blocks: [
      { kind: 'header', title },
      { kind: 'text', text, tone },
    ],
  };
}

export function helpCard(surface: Surface): Card {
  const t = (rest: string) => `\`${surface.tutor}${rest}\``;
  const lines = [
    `${t('lesson')} your next lesson · ${t('lesson 3.4 full')} a lesson in full`,
    `${t('quiz')} your next concept check · ${t('quiz 3')} check number 3`,
    `${t('review')} concepts due for review · ${t('progress')} your progress and streak`,
    `\`${surface.cost}1M queries/day at $0.01\` what would it cost? (works in any channel)`,
    ...(surface.explain
      ? [
          `\`${surface.explain}Inference is a variable cost.\` any sentence in plain English, just for you (or **Explain a sentence** under a lesson)`,
        ]
      : []),
    `${t('daily 09:00 Europe/Berlin weekdays')} a lesson here every morning · ${t('daily list')} · ${t('daily off')}`,
    `${t('daily me 08:30 weekdays')} your own lesson by direct message at your time · ${t('daily me off')} · ${t('daily me reminders off')}`,
    `${t('report')} the team report (managers) · ${t(surface.name === 'slack' ? 'enroll #channel 09:00 weekdays' : 'enroll 09:00 weekdays')} daily lessons for a channel's members · ${t('enroll list')} · ${t('enroll off')}`,
  ];
  return {
    summary: 'chat-tutor: what I can do',
    blocks: [
      { kind: 'header', title: 'chat-tutor', subtitle: 'AI Foundations for PMs, in bite-sized lessons' },
      { kind: 'text', text: lines.map((l) => `• ${l}`).join('\n') },
    ],
  };
}
