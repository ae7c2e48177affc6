/**
 * Cards for "Explain in plain English": the sentence picker, the "Explaining…" placeholder shown at
 * once (Slack's 3 s ack, Teams' 15 s reply), and the answer that replaces it. Pure: data in, card out.
 */
import { clip } from '../core/explain/sentences.js';
import type { Explanation, FallbackReason } from '../core/explain/types.js';
import { Actions } from './actions.js';
import { type Block, button, type Card, userText } from './card.js';

/** The picker's select id; its value is a sentence index or `all`. */
export const PICK_SELECT_ID = 'sentence';
export const PICK_ALL = 'all';
/** On the picker with a button per sentence, the key of a button's value holding its sentence index. */
export const PICK_INDEX = 'pick';
/** A sentence button's label is cut here (a long label wraps onto a row of its own in Teams). */
const BUTTON_MAX = 140;
/** Slack's option-text limit. */
const OPTION_MAX = 75;
/** A quoted sentence longer than this is shortened on the card (the explainer saw all of it). */
const QUOTE_MAX = 500;

const WHY: Record<FallbackReason, string> = {
  no_key: '',
  timeout: 'the AI explainer took too long',
  error: 'the AI explainer is unavailable right now',
  malformed: 'the AI explainer gave an unusable answer',
  budget: "today's explanation budget is used up",
  rate_limited: 'you have reached the hourly number of AI explanations',
  too_long: `the text is too long for the AI explainer (500 characters at most)`,
};

function sourceLine(e: Explanation): string {
  const model = e.model && userText(e.model);
  if (e.source === 'cache') return `From the cache${model ? ` (explained earlier by ${model})` : ''}`;
  if (e.source === 'openai') return `Explained by ${model ?? 'the AI explainer'}, from the lesson and the glossary`;
  const why = e.reason ? WHY[e.reason] : '';
  const retry =
    e.reason === 'rate_limited' && e.retryInMs !== undefined
      ? `; try again in ${Math.ceil(e.retryInMs / 60_000)} min`
      : '';
  return `Offline explanation from the glossary${why ? ` (${why}${retry})` : ''}`;
}

/** The answer: the sentence, the explanation, the analogy, the terms, and where it came from. */
export function explanationCard(explanation: Explanation, sentence: string): Card {
  const quoted = clip(sentence.replace(/\s+/g, ' ').trim(), QUOTE_MAX);
  const blocks: Block[] = [{ kind: 'header', title: 'In plain English' }];
  // The sentence is someone's message and the rest may be a model's answer (cached and shown to
  // others): all of it is data, never markup.
  if (quoted) blocks.push({ kind: 'text', text: `“${userText(quoted)}”` });
  blocks.push({ kind: 'text', text: userText(explanation.text) });
  if (explanation.analogy)
    blocks.push({ kind: 'text', text: `**Think of it like this:** ${userText(explanation.analogy)}` });
  if (explanation.terms.length > 0)
    blocks.push({
      kind: 'text',
      text: `**Terms**\n${explanation.terms.map((t) => `• **${userText(t.term)}**: ${userText(t.definition)}`).join('\n')}`,
    });
  const lesson = explanation.lessonId ? ` · lesson §${userText(explanation.lessonId)}` : '';
  blocks.push({ kind: 'context', text: `${sourceLine(explanation)}${lesson}` });
  return { summary: `In plain English: ${userText(clip(explanation.text, 150))}`, blocks };
}

/**
 * Which sentence? One select (each sentence by index, then "All of it") and an Explain button.
 * The sentences themselves travel with the surface (modal metadata, dialog data), not in the values.
 */
export function sentencePickerCard(sentences: readonly string[], submitValue: Record<string, string> = {}): Card {
  const options = [
    ...sentences.map((s, i) => ({ value: String(i), label: userText(clip(s, OPTION_MAX)) })),
    { value: PICK_ALL, label: 'All of it' },
  ];
  return {
    summary: 'Explain in plain English: pick a sentence',
    blocks: [
      { kind: 'header', title: 'Explain in plain English' },
      { kind: 'text', text: 'Which sentence should I explain?' },
      {
        kind: 'form',
        id: Actions.pickSentence,
        selects: [
          {
            kind: 'select',
            id: PICK_SELECT_ID,
            label: 'Sentence',
            placeholder: 'Pick a sentence',
            options,
            ...(sentences.length === 1 ? { initial: '0' } : {}),
          },
        ],
        submit: button(Actions.pickSentence, 'Explain', submitValue, 'primary'),
      },
    ],
  };
}

/**
 * Which sentence? A button per sentence, then "All of it": for a client that shows the picker in
 * the conversation rather than in a dialog (see src/teams/client.ts), where one click is enough.
 */
export function sentenceButtonsCard(sentences: readonly string[], submitValue: Record<string, string> = {}): Card {
  const buttons = sentences.map((s, i) =>
    button(Actions.pickSentence, clip(s.replace(/\s+/g, ' ').trim(), BUTTON_MAX), {
      ...submitValue,
      [PICK_INDEX]: String(i),
    }),
  );
  buttons.push(button(Actions.pickSentence, 'All of it', { ...submitValue, [PICK_INDEX]: PICK_ALL }));
  return {
    summary: 'Explain in plain English: pick a sentence',
    blocks: [
      { kind: 'header', title: 'Explain in plain English' },
      { kind: 'text', text: 'Which sentence should I explain? Click it.' },
      { kind: 'actions', buttons },
    ],
  };
}

/** Shown at once and replaced by the answer. */
export function explainingCard(): Card {
  return {
    summary: 'Explaining…',
    blocks: [
      { kind: 'header', title: 'In plain English' },
      { kind: 'context', text: 'Explaining… this takes a few seconds.' },
    ],
  };
}
