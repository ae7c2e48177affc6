/**
 * What the catalog is built from and what it reports, in a module of their own: the catalog and
 * its checks (links.ts, rules.ts) both use them, so none has to import the other.
 */
import type { ChapterMeta, Check, Fact, GlossaryTerm, Lesson, Resource } from './schema.js';

/** A content problem, reported with the file, the field and what is wrong. */
export interface ContentProblem {
  readonly file: string;
  readonly field: string;
  readonly message: string;
}

/** One chapter's validated files, with the path each piece came from (for cross-reference errors). */
export interface ChapterInput {
  readonly folder: string;
  readonly meta: ChapterMeta;
  readonly lessons: readonly { readonly file: string; readonly lesson: Lesson }[];
  readonly checks: readonly Check[];
  readonly glossary: readonly GlossaryTerm[];
  readonly resources: readonly Resource[];
  readonly facts: readonly Fact[];
  readonly files: {
    readonly chapter: string;
    readonly checks: string;
    readonly glossary: string;
    readonly facts: string;
    readonly resources?: string;
  };
}
