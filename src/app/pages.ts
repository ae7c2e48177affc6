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
