import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Modules the pure core must never reach: platforms, the database, the network, the process, the disk. */
const FORBIDDEN = [
  /^node:/,
  /^(fs|http|https|net|tls|dgram|dns|child_process|worker_threads|os|path|process|crypto)$/,
  /^@slack\//,
  /^botbuilder/,
  /^botframework/,
  /^better-sqlite3$/,
  /^openai$/,
  /^undici$/,
  /^axios$/,
];
const ALLOWED_PACKAGES = new Set(['zod', 'decimal.js']);

const importsOf = (code: string) =>
  [
    ...code.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

describe('the pure core', () => {
  const files = ['src/core', 'src/views'].flatMap((d) => sources(join(root, d)));

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s imports no platform, database, network or environment',
    (_name, file) => {
      const code = readFileSync(file, 'utf8');
      for (const spec of importsOf(code)) {
        if (spec.startsWith('.')) {
          // Relative imports must stay inside the pure folders.
          const target = relative(root, join(file, '..', spec));
          expect(target, `${spec} leaves src/core and src/views`).toMatch(/^src\/(core|views)\//);
          continue;
        }
        expect(
          FORBIDDEN.some((re) => re.test(spec)),
          `forbidden import "${spec}"`,
        ).toBe(false);
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
        expect(ALLOWED_PACKAGES.has(pkg), `unexpected package "${pkg}" in the core`).toBe(true);
      }
      expect(code, 'reads the environment').not.toMatch(/\bprocess\.(env|argv|exit|stdout|stderr)\b/);
      expect(code, 'reaches the network').not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket)\s*\(/);
    },
  );
});

describe('the boundary check itself', () => {
  it('sees every form of import, so a forbidden one cannot slip through', () => {
    const code = `import Database from 'better-sqlite3';\nexport { x } from "@slack/bolt";\nconst m = await import('node:fs');`;
    expect(importsOf(code)).toEqual(['better-sqlite3', '@slack/bolt', 'node:fs']);
    expect(importsOf(code).every((s) => FORBIDDEN.some((re) => re.test(s)))).toBe(true);
  });
});
