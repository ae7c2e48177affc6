/**
 * The order a check card shows its options (or a sort quiz its items) in. It is derived from the
 * card's nonce, so every member and every attempt sees its own order, while a re-render or a retried
 * click on the same card sees the same one. Grading is by id, so the order never changes a grade.
 */
import type { Check } from '../content/schema.js';

/** A 32-bit hash of a string (FNV-1a): spreads similar nonces far apart. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32): the same seed always yields the same sequence. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle driven by `seed`: pure, and the same seed gives the same order. */
export function seededShuffle<T>(list: readonly T[], seed: string): T[] {
  const next = generator(hash(seed));
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The positions a member's next first-attempt card may put its right option in. Shuffling alone
 * leaves luck in it: a member who always picks the first option would now and then pass half the
 * checks. So each position takes the key at most `cap` times over a member's first attempts (3 of 7
 * choice checks at most, whichever position they always pick), and the app picks one of these at
 * random: the slot is kept on the server, never on the card, and no pattern can be learned.
 */
export function openKeySlots(used: readonly number[], options: number, cap = 3): number[] {
  const slots = Array.from({ length: options }, (_, i) => i);
  const open = slots.filter((slot) => used.filter((u) => u === slot).length < cap);
  return open.length > 0 ? open : slots;
}

/**
 * The check as one card shows it: options (choice) or items (sort) in the card's own order.
 * The check id is part of the seed, so two checks answered with one nonce still differ. With a
 * `keySlot` (chosen by the server when it issued the card), the right option is shown there.
 */
export function shownOrder<C extends Check>(check: C, nonce: string, keySlot?: number): C {
  const seed = `${check.id}|${nonce}`;
  if (check.kind !== 'choice') return { ...check, items: seededShuffle(check.items, seed) };
  const options = seededShuffle(check.options, seed);
  const at = options.findIndex((o) => o.correct);
  if (keySlot !== undefined && at >= 0) {
    const [key] = options.splice(at, 1);
    options.splice(keySlot % check.options.length, 0, key as (typeof options)[number]);
  }
  return { ...check, options };
}
