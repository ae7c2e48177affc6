import { describe, expect, it } from 'vitest';
import { collectPages, mapLimited } from '../../src/app/pages.js';

describe('collectPages', () => {
  it('follows the cursor to the last page, and stops at maxPages', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4], next: '' },
    };
    expect(await collectPages(async (cursor) => pages[cursor ?? 'start'] ?? { items: [] })).toEqual([1, 2, 3, 4]);
    expect(await collectPages(async (cursor) => pages[cursor ?? 'start'] ?? { items: [] }, 2)).toEqual([1, 2, 3]);
  });
});

describe('mapLimited', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
    expect(await mapLimited([], 4, async (n: number) => n)).toEqual([]);
  });
});
