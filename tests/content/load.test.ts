import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';

const CHAPTER = join('courses', 'ai-foundations-for-pms', '03-training-vs-inference');

describe('the shipped course content', () => {
  const catalog = loadCatalog(defaultContentDir());
  const chapter = catalog.chapters[0];

  it('is chapter 3 of 7, "Training vs Inference"', () => {
    expect(catalog.course.chapters).toHaveLength(7);
    expect(catalog.chapters).toHaveLength(1);
    expect(chapter?.meta).toMatchObject({
      number: 3,
      title: 'Training vs Inference',
      minutes: { essentials: 7, full: 15 },
    });
  });

  it('has the seven sections with the chapter’s own titles, in order', () => {
    expect(catalog.lessons.map((l) => `${l.id} ${l.title}`)).toEqual([
      '3.1 What is training',
      '3.2 What is inference',
      '3.3 Who pays for what',
      '3.4 Inference cost at scale',
      '3.5 Fine-tuning as a middle path',
      '3.6 The latency problem',
      '3.7 PM decision lens: unit economics',
    ]);
    // Titles are the chapter's; subtitles are in the course's own words.
    expect(catalog.lesson('3.4')?.subtitle).toBe('Ten times the users, ten times the compute, ten times the bill');
  });

  it('has nine concept checks, the cloud-bill sort first, at least two sorts, every lesson covered', () => {
    expect(catalog.checks).toHaveLength(9);
    const first = catalog.checks[0];
    expect(first?.kind).toBe('sort');
    expect(first?.kind === 'sort' && first.items).toHaveLength(6);
    expect(first?.kind === 'sort' && first.categories.map((c) => c.id)).toEqual(['training', 'inference']);
    expect(catalog.checks.filter((c) => c.kind === 'sort').length).toBeGreaterThanOrEqual(2);
    for (const lesson of catalog.lessons) expect(catalog.checksFor(lesson.id).length, lesson.id).toBeGreaterThan(0);
    for (const check of catalog.checks)
      if (check.kind === 'choice')
        for (const o of check.options) expect(o.feedback.length, `${check.id}/${o.id}`).toBeGreaterThan(20);
  });

  it('has a glossary of at least 20 terms, the further reading and sourced figures', () => {
    expect(chapter?.glossary.length).toBeGreaterThanOrEqual(20);
    const terms = chapter?.glossary.map((t) => t.term.toLowerCase()) ?? [];
    for (const t of [
      'training',
      'inference',
      'fine-tuning',
      'latency',
      'token',
      'quantization',
      'batching',
      'caching',
      'distillation',
    ])
      expect(
        terms.some((x) => x.includes(t)),
        t,
      ).toBe(true);
    expect(chapter?.resources.map((r) => r.minutes)).toEqual([211, 10, 7, 10, 8]);
    expect(chapter?.facts.some((f) => f.figure.includes('$100M') && f.source.seed === '002')).toBe(true);
  });
});

describe('a broken content file', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Copies the real content and lets a test break one file. */
  function brokenCopy(file: string, edit: (text: string) => string): string {
    dir = mkdtempSync(join(tmpdir(), 'content-'));
    cpSync(defaultContentDir(), dir, { recursive: true });
    const path = join(dir, CHAPTER, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return dir;
  }

  function problemsOf(contentDir: string) {
    try {
      loadCatalog(contentDir);
    } catch (e) {
      if (e instanceof ContentError) return e;
      throw e;
    }
    throw new Error('expected the content to be refused');
  }

  it('names the file, the field and the problem', () => {
    const e = problemsOf(brokenCopy('lessons/3.4.yaml', (t) => t.replace(/^title:.*$/m, 'title: 12')));
    expect(e.code).toBe('content_invalid');
    expect(e.problems).toEqual([
      { file: join(CHAPTER, 'lessons/3.4.yaml'), field: 'title', message: expect.stringMatching(/string/i) },
    ]);
    expect(e.message).toContain(`${join(CHAPTER, 'lessons/3.4.yaml')}: title:`);
  });

  it('reports broken YAML with its line', () => {
    const e = problemsOf(brokenCopy('glossary.yaml', (t) => `terms:\n  - id: [unclosed\n${t}`));
    expect(e.problems[0]).toMatchObject({
      file: join(CHAPTER, 'glossary.yaml'),
      field: '(file)',
      message: expect.stringMatching(/YAML \(line \d+\)/),
    });
  });

  it('catches a reference to a lesson that does not exist, and a sort answer outside the categories', () => {
    const e = problemsOf(
      brokenCopy('checks.yaml', (t) =>
        t.replace('lessons: ["3.7"]', 'lessons: ["3.9"]').replace(/answer: inference/, 'answer: finance'),
      ),
    );
    const fields = e.problems.map((p) => `${p.file} ${p.field}: ${p.message}`);
    expect(fields).toContainEqual(
      expect.stringMatching(/checks\.yaml checks\.\d+\.lessons\.\d+: unknown lesson "3\.9"/),
    );
    expect(fields).toContainEqual(
      expect.stringMatching(/checks\.yaml checks\.0\.items\.\d+\.answer: "finance" is not one of the categories/),
    );
  });

  it('refuses an option text over Slack’s 75-character limit', () => {
    const e = problemsOf(brokenCopy('checks.yaml', (t) => t.replace(/label: .*$/m, `label: "${'x'.repeat(80)}"`)));
    expect(e.problems[0]?.message).toMatch(/75 characters/);
  });
});

describe('`tutor content check` teaching rules, through the loader', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a depth note that cites a source document nobody can open', () => {
    dir = mkdtempSync(join(tmpdir(), 'content-'));
    cpSync(defaultContentDir(), dir, { recursive: true });
    const path = join(dir, CHAPTER, 'lessons/3.4.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('and the hardware.', 'and the hardware (economics article).'),
    );
    let error: unknown;
    try {
      loadCatalog(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toMatch(/lessons\/3\.4\.yaml: depthNotes\.0: refers to a source/);
  });
});
