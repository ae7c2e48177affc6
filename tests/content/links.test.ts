import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { ContentError, loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import { cardToMessage } from '../../src/slack/render/blocks.js';
import { cardToAdaptiveCard } from '../../src/teams/render/adaptive-card.js';
import type { Card } from '../../src/views/card.js';
import { lessonCard, lessonViewFor } from '../../src/views/lesson.js';
import { mrkdwnTexts, teamsMarkdownTexts } from '../views/hostile.js';

const CHAPTER = join('courses', 'ai-foundations-for-pms', '03-training-vs-inference');

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** Copies the real content and lets a test edit one file. */
function copyWith(file: string, edit: (text: string) => string): string {
  dir = mkdtempSync(join(tmpdir(), 'content-links-'));
  cpSync(defaultContentDir(), dir, { recursive: true });
  const path = join(dir, CHAPTER, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function problemsOf(contentDir: string) {
  try {
    loadCatalog(contentDir);
  } catch (e) {
    if (e instanceof ContentError) return e.problems;
    throw e;
  }
  throw new Error('expected the content to be refused');
}

const withStoryLink = (url: string) =>
  copyWith('lessons/3.1.yaml', (t) => t.replace(/^story: \|-\n/m, `story: |-\n  See [the offer](${url}).\n\n`));

async function contentCheck(contentDir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    out += c;
  });
  const stdin = new PassThrough();
  stdin.end('');
  const code = await run(['content', 'check', '--content', contentDir], { stdin, stdout, stderr, env: {} });
  return { code, out };
}

describe('links in our own content', () => {
  it('a link to a host no resources.yaml lists is refused, naming file, field and host', () => {
    const problems = problemsOf(withStoryLink('https://evil.example/x'));
    expect(problems).toEqual([
      {
        file: join(CHAPTER, 'lessons/3.1.yaml'),
        field: 'story',
        message: expect.stringMatching(
          /links to evil\.example, which no resources\.yaml lists \(allowed: .*cloudflare\.com/,
        ),
      },
    ]);
  });

  it('`tutor content check` refuses it too, and says where', async () => {
    const r = await contentCheck(withStoryLink('https://evil.example/x'));
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(`${join(CHAPTER, 'lessons/3.1.yaml')}: story: links to evil.example`);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses plain http and a source url to another host', () => {
    expect(problemsOf(withStoryLink('http://www.cloudflare.com/x'))[0]?.message).toMatch(/not an https link/);
    const problems = problemsOf(
      copyWith('facts.yaml', (t) => t.replace(/seed: "002"/, 'seed: "002"\n      url: https://tracker.example/p')),
    );
    expect(problems[0]).toMatchObject({
      file: join(CHAPTER, 'facts.yaml'),
      field: expect.stringMatching(/^facts\.\d+\.source\.url$/),
      message: expect.stringContaining('tracker.example'),
    });
  });

  it('accepts a link to a listed host or its subdomain', async () => {
    const ok = withStoryLink('https://blog.cloudflare.com/x');
    expect(() => loadCatalog(ok)).not.toThrow();
    expect((await contentCheck(ok)).out).toContain('Content is valid');
  });
});

describe('the renderers’ last guard, once the course is loaded', () => {
  const catalog = loadCatalog(defaultContentDir());
  const card = (text: string): Card => ({ summary: 'x', blocks: [{ kind: 'text', text }] });

  it('renders a link to any other host as its text', () => {
    const c = card('[the offer](https://evil.example/x) and [explainer](https://www.cloudflare.com/learning/)');
    const slack = mrkdwnTexts(cardToMessage(c)).join('\n');
    expect(slack).toContain('[the offer](https://evil.example/x)');
    expect(slack).toContain('<https://www.cloudflare.com/learning/|explainer>');
    expect(slack.match(/<https?:/g)).toHaveLength(1);
    const teams = teamsMarkdownTexts(cardToAdaptiveCard(c)).join('\n');
    expect(teams).toContain('\\[the offer\\](https꞉//evil․example/x)');
    expect(teams).toContain('[explainer](https://www.cloudflare.com/learning/)');
  });

  it('still renders the reading list’s own links as links on both platforms', () => {
    const lesson = catalog.lessons[catalog.lessons.length - 1];
    if (!lesson) throw new Error('no lessons');
    const view = lessonViewFor(catalog, lesson, 'full');
    if (!view) throw new Error('no view');
    const c = lessonCard(view);
    const slack = mrkdwnTexts(cardToMessage(c)).join('\n');
    expect(slack).toContain('<https://www.cloudflare.com/learning/ai/inference-vs-training/|');
    const teams = teamsMarkdownTexts(cardToAdaptiveCard(c)).join('\n');
    expect(teams).toContain('](https://www.cloudflare.com/learning/ai/inference-vs-training/)');
  });
});
