/**
 * Reading time from the words a card actually shows, so a longer card never claims a shorter read.
 * 200 words a minute is a usual figure for reading on a screen; a card is never under a minute.
 */
export const WORDS_PER_MINUTE = 200;

export const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export const readingMinutes = (words: number): number => Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
