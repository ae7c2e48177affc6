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
 * Where the right option of a choice check goes on a member's card. Shuffling alone leaves luck in
 * it: a member who always picks the first option would sometimes pass half the checks. Rotating
 * the slot through the member's checks (and their attempts) spreads the key evenly over the
 * positions, so always picking one position passes about one check in four, never more than
 * ⌈checks ÷ options⌉. The member's offset keeps members from sharing one pattern.
 */
export function keySlot(input: { member: string; choiceIndex: number; attempts: number; options: number }): number {
  const { member, choiceIndex, attempts, options } = input;
  return (hash(member) + choiceIndex + attempts) % Math.max(1, options);
}

/** A card's nonce that also fixes where the right option is shown (see keySlot). */
export const withKeySlot = (slot: number, nonce: string) => `k${slot}-${nonce}`;

const slotOf = (nonce: string): number | undefined => {
  const m = /^k(\d{1,2})-/.exec(nonce);
  return m ? Number(m[1]) : undefined;
};

/**
 * The check as one card shows it: options (choice) or items (sort) in the card's own order.
 * The check id is part of the seed, so two checks answered with one nonce still differ; a nonce
 * made with withKeySlot also puts the right option at its slot.
 */
export function shownOrder<C extends Check>(check: C, nonce: string): C {
  const seed = `${check.id}|${nonce}`;
  if (check.kind !== 'choice') return { ...check, items: seededShuffle(check.items, seed) };
  const options = seededShuffle(check.options, seed);
  const slot = slotOf(nonce);
  const at = options.findIndex((o) => o.correct);
  if (slot !== undefined && at >= 0) {
    const [key] = options.splice(at, 1);
    options.splice(slot % check.options.length, 0, key as (typeof options)[number]);
  }
  return { ...check, options };
}
