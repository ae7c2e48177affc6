/**
 * Reads the course from `content/` and validates every file with the core's zod schemas. Problems
 * are collected across all files and reported together (file, field, what is wrong); nothing starts
 * with broken content. Adding a chapter is adding a folder and a line in course.yaml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { buildCatalog, type Catalog, type ChapterInput, type ContentProblem } from '../core/content/catalog.js';
import { linkHosts } from '../core/content/links.js';
import {
  chapterSchema,
  checksFileSchema,
  courseSchema,
  factsFileSchema,
  glossaryFileSchema,
  lessonSchema,
  resourcesFileSchema,
} from '../core/content/schema.js';
import { allowLinksTo } from '../views/links.js';

export class ContentError extends Error {
  readonly code = 'content_invalid';
  constructor(readonly problems: readonly ContentProblem[]) {
    super(
      `The course content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix ${
        problems.length === 1 ? 'it' : 'them'
      } and start again:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ContentError';
  }
}

class Reader {
  readonly problems: ContentProblem[] = [];
  constructor(private readonly root: string) {}

  name(path: string): string {
    return relative(this.root, path) || path;
  }

  read<S extends z.ZodType>(path: string, schema: S): z.infer<S> | undefined {
    const file = this.name(path);
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(path, 'utf8'), { prettyErrors: true });
    } catch (e) {
      const message =
        e instanceof YAMLParseError
          ? `not valid YAML (line ${e.linePos?.[0]?.line ?? '?'}): ${e.message.split('\n')[0]}`
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'file is missing'
            : `cannot be read: ${(e as Error).message}`;
      this.problems.push({ file, field: '(file)', message });
      return undefined;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues)
        this.problems.push({ file, field: issue.path.join('.') || '(top level)', message: issue.message });
      return undefined;
    }
    return result.data;
  }
}

/** Loads and validates the course under `contentDir/courses/<courseId>`; throws ContentError on any problem. */
export function loadCatalog(contentDir: string, courseId = 'ai-foundations-for-pms'): Catalog {
  const courseDir = join(contentDir, 'courses', courseId);
  const reader = new Reader(contentDir);
  const course = reader.read(join(courseDir, 'course.yaml'), courseSchema);
  const chapters: ChapterInput[] = [];
  for (const entry of course?.chapters ?? []) {
    if (!entry.folder) continue;
    const dir = join(courseDir, entry.folder);
    if (!existsSync(dir)) {
      reader.problems.push({
        file: reader.name(join(courseDir, 'course.yaml')),
        field: `chapters (${entry.number})`,
        message: `folder "${entry.folder}" does not exist`,
      });
      continue;
    }
    const files = {
      chapter: join(dir, 'chapter.yaml'),
      checks: join(dir, 'checks.yaml'),
      glossary: join(dir, 'glossary.yaml'),
      facts: join(dir, 'facts.yaml'),
      resources: join(dir, 'resources.yaml'),
    };
    const meta = reader.read(files.chapter, chapterSchema);
    const lessonDir = join(dir, 'lessons');
    const lessonFiles = existsSync(lessonDir)
      ? readdirSync(lessonDir)
          .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
          .sort()
      : [];
    if (lessonFiles.length === 0)
      reader.problems.push({
        file: reader.name(lessonDir),
        field: '(folder)',
        message: 'no lesson files (lessons/*.yaml)',
      });
    const lessons = lessonFiles.flatMap((f) => {
      const path = join(lessonDir, f);
      const lesson = reader.read(path, lessonSchema);
      return lesson ? [{ file: reader.name(path), lesson }] : [];
    });
    const checks = reader.read(files.checks, checksFileSchema);
    const glossary = reader.read(files.glossary, glossaryFileSchema);
    const resources = reader.read(files.resources, resourcesFileSchema);
    const facts = reader.read(files.facts, factsFileSchema);
    if (meta && meta.number !== entry.number)
      reader.problems.push({
        file: reader.name(files.chapter),
        field: 'number',
        message: `is ${meta.number} but course.yaml lists this folder as chapter ${entry.number}`,
      });
    if (meta && checks && glossary && resources && facts && lessons.length === lessonFiles.length)
      chapters.push({
        folder: entry.folder,
        meta,
        lessons,
        checks: checks.checks,
        glossary: glossary.terms,
        resources: resources.resources,
        facts: facts.facts,
        files: {
          chapter: reader.name(files.chapter),
          checks: reader.name(files.checks),
          glossary: reader.name(files.glossary),
          facts: reader.name(files.facts),
          resources: reader.name(files.resources),
        },
      });
  }
  if (course && chapters.length === 0 && reader.problems.length === 0)
    reader.problems.push({
      file: reader.name(join(courseDir, 'course.yaml')),
      field: 'chapters',
      message: 'no chapter has a folder yet',
    });
  if (!course || reader.problems.length > 0) throw new ContentError(reader.problems);
  const result = buildCatalog(course, chapters);
  if (!result.ok) throw new ContentError(result.problems);
  // The renderers' last guard: links in cards go only to the hosts this course's reading lists name.
  allowLinksTo(linkHosts(chapters.flatMap((c) => c.resources)));
  return result.catalog;
}
