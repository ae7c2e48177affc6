/** Scenario → Breakdown: dispatch by kind, then the what-ifs and the hint every surface can offer. */
import { CONVENTIONS, lead } from './amounts.js';
import { TEN } from './decimal.js';
import { MAX_LENGTH } from './errors.js';
import { quantityText } from './money.js';
import { MAX } from './numbers.js';
import type { Parsed } from './parse.js';
import type { Scenario, VolumeIn } from './scenario.js';
import { computeSelfHost } from './self-host.js';
import { computeTraining } from './training.js';
import type { Amounts, Breakdown, BreakdownCore, WhatIf } from './types.js';
import { computeUsage } from './usage.js';

export const CACHE_WHAT_IF = ' with 40% cache hits';

/** The volume a ×10 what-if multiplies: usage volume, or the inference volume of a training scenario. */
function scaledVolume(s: Scenario): VolumeIn | null {
  if (s.kind === 'usage') return s.volume;
  if (s.kind === 'training' && s.inference.kind === 'usage') return s.inference.usage.volume;
  return null;
}

/**
 * Variant scenarios as text, so any surface can offer them as buttons and they go back through
 * the same parser: ×10 replaces just the volume's number (10× the users is exactly 10× the bill),
 * the cache one appends a clause. A variant that would not be accepted is not offered.
 */
export function whatIfs(text: string, s: Scenario): WhatIf[] {
  const out: WhatIf[] = [];
  const v = scaledVolume(s);
  if (v) {
    // With people × usage the span is the people's number: ten times the people.
    const ten = (v.people?.count ?? v.count).times(TEN);
    const scenario = `${text.slice(0, v.span[0])}${quantityText(ten)}${text.slice(v.span[1])}`;
    if (v.count.times(TEN).lte(MAX) && scenario.length <= MAX_LENGTH)
      out.push({ kind: 'volume-x10', label: '×10 volume', scenario });
  }
  if (s.kind === 'usage' && s.volume && !s.cache) {
    const scenario = `${text}${CACHE_WHAT_IF}`;
    if (scenario.length <= MAX_LENGTH) out.push({ kind: 'cache', label: 'With 40% cache hits', scenario });
  }
  return out;
}

function hintFor(text: string, s: Scenario): string | null {
  if (s.kind !== 'usage') return null;
  if (!s.volume) return 'Add a volume, like `1M queries/day`, to see it per day, month and year.';
  if (s.volume.period) return null;
  const withDay = `${text.slice(0, s.volume.unitEnd)}/day${text.slice(s.volume.unitEnd)}`;
  return `This is a total. Add \`/day\` after the volume to project it per day, month and year: \`${withDay}\`.`;
}

/** With a range of cache hits, the headline is a range too: its low end (the best case) first. */
const rangeFrom = (best: Amounts | undefined): string =>
  best ? `${best.basis === 'period' ? best.perDay.formatted : best.total.formatted}–` : '';

export function compute(parsed: Parsed): Breakdown {
  const { text, scenario: s } = parsed;
  let core: BreakdownCore;
  if (s.kind === 'training') core = computeTraining(s);
  else if (s.kind === 'self-host') core = computeSelfHost(s);
  else {
    const u = computeUsage(s);
    core = {
      kind: 'usage',
      volume: u.volume,
      pricing: u.pricing,
      unitPrice: { unit: u.unit, price: u.unitPrice },
      cost: u.cost.shown,
      headline: u.volume.assumed
        ? `${u.unitPrice.formatted}/${u.unit}`
        : u.cost.shown.basis === 'period'
          ? `${rangeFrom(u.cache?.best?.cost)}${lead(u.cost)}/day`
          : `${rangeFrom(u.cache?.best?.cost)}${lead(u.cost)} total`,
      summary: u.summary.join(' · '),
      steps: u.steps,
      cache: u.cache,
      waste: u.waste,
      model: u.model,
      training: null,
      selfHost: null,
    };
  }
  // Every field listed (no spread): one object shape for all kinds, and spreading a large object is slow.
  return {
    kind: core.kind,
    scenario: text,
    headline: core.headline,
    summary: core.summary,
    cost: core.cost,
    volume: core.volume,
    pricing: core.pricing,
    unitPrice: core.unitPrice,
    steps: core.steps,
    conventions: CONVENTIONS,
    hint: hintFor(text, s),
    cache: core.cache,
    waste: core.waste,
    training: core.training,
    selfHost: core.selfHost,
    model: core.model,
    whatIfs: whatIfs(text, s),
  };
}
