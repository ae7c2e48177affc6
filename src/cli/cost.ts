import { estimate } from '../core/cost/index.js';
import { costCard, costErrorCard } from '../views/cost.js';
import { cardToText, withoutButtons } from '../views/text.js';
import type { Io } from './io.js';

/** `tutor cost "SCENARIO" [--json]`: the cost card as text, or the engine's breakdown as JSON. */
export function costCommand(words: readonly string[], json: boolean, io: Io): number {
  const text = words.join(' ');
  const result = estimate(text);
  if (json) {
    (result.ok ? io.stdout : io.stderr).write(
      `${JSON.stringify(result.ok ? result.breakdown : result.error, null, 2)}\n`,
    );
  } else if (result.ok) {
    io.stdout.write(`${cardToText(withoutButtons(costCard(result.breakdown)))}\n`);
  } else {
    io.stderr.write(`${cardToText(withoutButtons(costErrorCard(result.error)))}\n`);
  }
  return result.ok ? 0 : 2;
}
