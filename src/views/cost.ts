import type { Amounts, Breakdown, CostError, Money } from '../core/cost/types.js';
import { Actions } from './actions.js';
import { type Block, type Button, button, type Card, type Field, userText } from './card.js';

/** Platform limits we keep well inside: Slack caps button text at 75 characters and values at 2,000. */
const LABEL_MAX = 75;
const VALUE_MAX = 2000;
/** Slack shows at most ten fields in a section. */
const FIELDS_MAX = 10;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** "low–high" when a range gives a second figure, else the figure. */
const span = (low: Money | undefined, high: Money) =>
  low && low.formatted !== high.formatted ? `${low.formatted}–${high.formatted}` : high.formatted;

/** Per day / month / year, or the total, as card fields; `low` is the other end of a range. */
function amountFields(a: Amounts, prefix = '', low: Amounts | null = null): Field[] {
  const label = (l: string) => (prefix ? `${prefix} ${l.toLowerCase()}` : l);
  const lo = low?.basis === a.basis ? low : null;
  return a.basis === 'period'
    ? [
        { label: label('Per day'), value: span(lo?.basis === 'period' ? lo.perDay : undefined, a.perDay) },
        { label: label('Per month'), value: span(lo?.basis === 'period' ? lo.perMonth : undefined, a.perMonth) },
        { label: label('Per year'), value: span(lo?.basis === 'period' ? lo.perYear : undefined, a.perYear) },
      ]
    : [{ label: label('Total'), value: span(lo?.basis === 'total' ? lo.total : undefined, a.total) }];
}

const first = (a: Amounts): Money => (a.basis === 'period' ? a.perDay : a.total);
const yearly = (a: Amounts): Money => (a.basis === 'period' ? a.perYear : a.total);
const per = (a: Amounts) => (a.basis === 'period' ? '/day' : '');

/** A per-query price worth showing: worked out from tokens, not just the price as written. */
function derivedUnitPrice(b: Breakdown): boolean {
  const p = b.pricing;
  return p?.kind === 'input-output' || p?.kind === 'model' || (p?.kind === 'per-token' && p.tokensPerUnit !== null);
}

function fields(b: Breakdown): Field[] {
  const out: Field[] = [];
  if (b.training) {
    const t = b.training;
    out.push(
      { label: 'Year one', value: t.yearOne.formatted },
      { label: 'Training', value: `${t.training.formatted} (${t.trainingShare.formatted})` },
      { label: 'Inference, year one', value: `${yearly(t.inference).formatted} (${t.inferenceShare.formatted})` },
    );
    if (t.amortised && t.months)
      out.push({ label: `Per month over ${t.months.formatted} months`, value: t.amortised.total.formatted });
    return out;
  }
  if (b.unitPrice && derivedUnitPrice(b))
    out.push({ label: `Per ${b.unitPrice.unit}`, value: b.unitPrice.price.formatted });
  // With a cache range every figure is a range, low–high: the best case is the low cost.
  if (!b.volume?.assumed) out.push(...amountFields(b.cost, '', b.cache?.best?.cost ?? null));
  if (b.cache) {
    const best = b.cache.best ? `–${first(b.cache.best.savings).formatted}` : '';
    out.push({ label: 'Cache saves', value: `${first(b.cache.savings).formatted}${best}${per(b.cache.savings)}` });
    const high = b.cache.best?.savings;
    if (b.cache.savings.basis === 'period')
      out.push({
        label: 'Saved per year',
        value: span(b.cache.savings.perYear, high?.basis === 'period' ? high.perYear : b.cache.savings.perYear),
      });
  }
  if (b.waste) {
    out.push(
      { label: 'Wasted', value: `${first(b.waste.wasted).formatted}${per(b.waste.wasted)}` },
      { label: `Per ${b.volume?.unitSingular ?? 'result'} used`, value: b.waste.costPerUsed.formatted },
    );
  }
  const s = b.selfHost;
  if (s?.breakEven) out.push({ label: 'Break-even', value: `${s.breakEven.perDay.formatted} queries/day` });
  if (s?.comparison) out.push({ label: 'API at your volume', value: `${first(s.comparison.api).formatted}/day` });
  return out.slice(0, FIELDS_MAX);
}

const whatIfButton = (label: string, scenario: string): Button =>
  button(Actions.costWhatIf, clip(label, LABEL_MAX), { q: clip(scenario, VALUE_MAX) });

/** A cost estimate: headline, the figures, the arithmetic, the conventions and what-if buttons. */
export function costCard(b: Breakdown): Card {
  const blocks: Block[] = [
    // The scenario is the asker's own text, echoed to the whole channel: never markup.
    { kind: 'header', title: b.headline, subtitle: userText(b.scenario) },
    { kind: 'fields', fields: fields(b) },
    { kind: 'text', text: b.steps.join('\n') },
  ];
  if (b.hint) blocks.push({ kind: 'text', text: b.hint, tone: 'attention' });
  const context = b.model
    ? `${b.conventions} Model prices: ${b.model.table.source} ${b.model.table.version} (${b.model.table.date}).`
    : b.conventions;
  blocks.push({ kind: 'context', text: context });
  if (b.whatIfs.length > 0)
    blocks.push({ kind: 'actions', buttons: b.whatIfs.map((w) => whatIfButton(w.label, w.scenario)) });
  return { summary: `${userText(b.scenario)}: ${b.summary}`, blocks };
}

/**
 * The engine quotes the words it stopped at in backticks, and its example is often the member's own
 * text with a word corrected: both are untrusted, so each quoted piece becomes plain text in quotes
 * (a code span would show userText's escapes literally in Teams).
 */
const quotedAsText = (message: string) => message.replace(/`([^`]*)`/g, (_, piece: string) => `“${userText(piece)}”`);

/** Why a scenario could not be estimated, with an example that works (and a button to try it). */
export function costErrorCard(error: CostError): Card {
  return {
    summary: `Couldn't estimate that: ${quotedAsText(error.message)}`,
    blocks: [
      { kind: 'header', title: "Couldn't estimate that" },
      { kind: 'text', text: quotedAsText(error.message), tone: 'bad' },
      { kind: 'text', text: `Try: “${userText(error.example)}”` },
      { kind: 'actions', buttons: [whatIfButton('Try the example', error.example)] },
    ],
  };
}
