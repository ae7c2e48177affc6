/**
 * Every item of a paged platform list (a channel's or a team's members), page by page, up to
 * `maxPages`: a huge place is cut there rather than read for minutes.
 */
export async function collectPages<T>(
  page: (next: string | undefined) => Promise<{ items: readonly T[]; next?: string | undefined }>,
  maxPages = 20,
): Promise<T[]> {
  const all: T[] = [];
  let next: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const got = await page(next);
    all.push(...got.items);
    next = got.next || undefined;
    if (!next) break;
  }
  return all;
}

/** `fn` over every item, at most `limit` at a time (a platform's per-method rate limits), in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
