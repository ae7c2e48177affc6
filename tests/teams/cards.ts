/** Reading the Adaptive Cards the bot sent, the way a Teams client would show and submit them. */
import type { ConnectorCall } from './fake-connector.js';
import { createValidator } from './render/validate.js';

export interface CardJson {
  readonly type: string;
  readonly version: string;
  readonly body: readonly Record<string, unknown>[];
}

export interface SubmitAction {
  readonly title: string;
  readonly data: Record<string, string>;
}

/** The Adaptive Card of an activity the bot sent (the first attachment). */
export function cardOf(call: ConnectorCall): CardJson {
  const attachments = call.body.attachments as { contentType: string; content: CardJson }[] | undefined;
  const first = attachments?.[0];
  if (first?.contentType !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`not an adaptive card: ${JSON.stringify(call.body).slice(0, 200)}`);
  return first.content;
}

export const textOf = (card: CardJson): string => JSON.stringify(card.body);

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every Action.Submit of a card (buttons and tappable rows), in order. */
export function submitsOf(card: CardJson): SubmitAction[] {
  const out: SubmitAction[] = [];
  walk(card.body, (n) => {
    if (n.type === 'Action.Submit') out.push({ title: String(n.title), data: n.data as Record<string, string> });
  });
  return out;
}

export function openUrlsOf(card: CardJson): { title: string; url: string }[] {
  const out: { title: string; url: string }[] = [];
  walk(card.body, (n) => {
    if (n.type === 'Action.OpenUrl') out.push({ title: String(n.title), url: String(n.url) });
  });
  return out;
}

export function choiceSetsOf(
  card: CardJson,
): { id: string; label: string; choices: { title: string; value: string }[] }[] {
  const out: { id: string; label: string; choices: { title: string; value: string }[] }[] = [];
  walk(card.body, (n) => {
    if (n.type === 'Input.ChoiceSet')
      out.push({ id: String(n.id), label: String(n.label), choices: n.choices as { title: string; value: string }[] });
  });
  return out;
}

/** The data of the first submit for `action` (and matching `where`), as Teams would send it. */
export function clickData(
  card: CardJson,
  action: string,
  where: (s: SubmitAction) => boolean = () => true,
): Record<string, string> {
  const found = submitsOf(card).find((s) => s.data.action === action && where(s));
  if (!found)
    throw new Error(
      `no ${action} button; buttons: ${submitsOf(card)
        .map((s) => s.title)
        .join(', ')}`,
    );
  return found.data;
}

/** Checks every card with the adaptivecards library at 1.5 and the 80 KB budget; returns the problems. */
export function cardProblems(calls: readonly ConnectorCall[]): string[] {
  const validator = createValidator();
  try {
    const problems: string[] = [];
    for (const call of calls) {
      if (!Array.isArray(call.body.attachments)) continue;
      const card = cardOf(call);
      const size = Buffer.byteLength(JSON.stringify(card));
      if (size > 80 * 1024) problems.push(`${call.kind} card is ${size} bytes`);
      for (const p of validator.problems(card)) problems.push(`${call.kind} ${textOf(card).slice(0, 60)}: ${p}`);
    }
    return problems;
  } finally {
    validator.dispose();
  }
}
