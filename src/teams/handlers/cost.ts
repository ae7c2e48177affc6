import { estimate } from '../../core/cost/index.js';
import type { Card } from '../../views/card.js';
import { costCard, costErrorCard } from '../../views/cost.js';

/**
 * `cost 1M queries/day at $0.01`, and the what-if buttons under an answer: the estimate as a card,
 * or why the scenario could not be read with an example that works (and a button to try it).
 */
export function costReply(scenario: string): Card {
  const result = estimate(scenario);
  return result.ok ? costCard(result.breakdown) : costErrorCard(result.error);
}
