import type { Check } from '../core/content/schema.js';
import type { Answer } from '../core/quiz/grade.js';

export type ParsedAnswer = { ok: true; answer: Answer } | { ok: false; message: string };

/** Matches a typed choice: its number (1), its letter (a) or its id. */
function pick<T extends { id: string }>(list: readonly T[], typed: string): T | undefined {
  const t = typed.trim().toLowerCase();
  if (/^\d+$/.test(t)) return list[Number(t) - 1];
  if (/^[a-z]$/.test(t) && !list.some((x) => x.id === t)) return list[t.charCodeAt(0) - 97];
  return list.find((x) => x.id === t) ?? list.find((x) => x.id.startsWith(t) && t.length >= 2);
}

/**
 * Reads a terminal answer against the check as the card showed it (see shownOrder): for a choice check one option (`b`, `2` or its id); for a sort quiz one
 * category per item in order, separated by commas or spaces (`1,2,2`, `1 2 2`, `122` or
 * `training,inference,inference`).
 */
export function parseAnswer(check: Check, typed: string): ParsedAnswer {
  if (check.kind === 'choice') {
    const option = pick(check.options, typed);
    return option
      ? { ok: true, answer: { kind: 'choice', optionId: option.id } }
      : {
          ok: false,
          message: `"${typed}" is not an option: answer with a letter from a to ${String.fromCharCode(96 + check.options.length)}.`,
        };
  }
  // Commas, spaces or semicolons between buckets; digits may also run together ("122122").
  let parts = typed
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 1 && /^\d+$/.test(parts[0] ?? '') && check.categories.length < 10) parts = [...(parts[0] ?? '')];
  if (parts.length !== check.items.length)
    return {
      ok: false,
      message: `Give one bucket for each of the ${check.items.length} items, in order (e.g. ${check.items.map(() => '1').join(' ')} or ${check.items.map(() => '1').join(',')}); you gave ${parts.length}.`,
    };
  const placements: Record<string, string> = {};
  for (const [i, item] of check.items.entries()) {
    const category = pick(check.categories, parts[i] ?? '');
    if (!category)
      return {
        ok: false,
        message: `"${parts[i]}" is not a bucket: use 1 to ${check.categories.length} or a bucket id.`,
      };
    placements[item.id] = category.id;
  }
  return { ok: true, answer: { kind: 'sort', placements } };
}

/** How to answer, printed under the question in the terminal. */
export function answerHint(check: Check): string {
  if (check.kind === 'choice')
    return check.options.map((o, i) => `  ${String.fromCharCode(97 + i)}) ${o.text}`).join('\n');
  return `${check.categories.map((c, i) => `  ${i + 1} = ${c.label}`).join('\n')}\nAnswer with one bucket per item, in order, e.g. ${check.items
    .map(() => '1')
    .join(' ')}`;
}
