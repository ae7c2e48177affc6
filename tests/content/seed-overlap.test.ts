import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The course is written in the project's own words: facts and figures come from the source
 * documents, sentences never do. No run of 10 words (case and punctuation aside) may appear in both.
 * The seeds live beside the repository (../shared/seeds), as they do on CI; SEEDS_DIR points
 * elsewhere (a git worktree, for one, is not beside them).
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const seedsDir = resolve(process.env.SEEDS_DIR ?? resolve(repoRoot, '../shared/seeds'));
const present = existsSync(seedsDir);
const contentDir = join(repoRoot, 'content');
const RUN = 10;

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

const runs = (list: readonly string[]) =>
  Array.from({ length: Math.max(0, list.length - RUN + 1) }, (_, i) => list.slice(i, i + RUN).join(' '));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('content vs the source documents', () => {
  const title = present
    ? `shares no run of 10 words with any seed in ${seedsDir}`
    : `skipped: the seeds folder ${seedsDir} is absent, so overlap cannot be checked (set SEEDS_DIR)`;
  it.skipIf(!present)(title, () => {
    const seedRuns = new Set(
      readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .flatMap((f) => runs(words(readFileSync(join(seedsDir, f), 'utf8')))),
    );
    expect(seedRuns.size).toBeGreaterThan(1000);
    const copied = yamlFiles(contentDir).flatMap((file) =>
      strings(parse(readFileSync(file, 'utf8')))
        .flatMap((s) => runs(words(s)))
        .filter((r) => seedRuns.has(r))
        .map((r) => `${relative(contentDir, file)}: "${r}"`),
    );
    expect(copied).toEqual([]);
  });
});
