/**
 * zod schemas for every content file. The loader (src/content) reads YAML and validates it here;
 * the core only ever sees data that passed these schemas and the cross-reference checks in catalog.ts.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "cloud-bill-sort")');
const lessonId = z.string().regex(/^\d+\.\d+$/, 'a lesson id looks like "3.4"');
/** Slack limits option and button texts to 75 characters; keep every choice under it. */
const choiceText = text.max(75, 'must be at most 75 characters (Slack option limit)');

export const sourceSchema = z.strictObject({
  name: text,
  /** Seed file the fact or figure comes from, e.g. "002". */
  seed: z.string().regex(/^\d{3}$/, 'a seed number like "002"'),
  url: z.url().optional(),
});

export const courseSchema = z.strictObject({
  id,
  title: text,
  description: text,
  chapters: z
    .array(
      z.strictObject({
        number: z.number().int().positive(),
        title: text,
        /** Folder of the chapter beside course.yaml; absent while the chapter is not written yet. */
        folder: z
          .string()
          .regex(/^\d\d-[a-z0-9-]+$/, 'a folder like "03-training-vs-inference"')
          .optional(),
      }),
    )
    .min(1),
});

export const conceptSchema = z.strictObject({
  id,
  name: text,
  lesson: lessonId,
});

export const chapterSchema = z.strictObject({
  number: z.number().int().positive(),
  title: text,
  subtitle: text,
  summary: text,
  /** One line on what the chapter is for, opening its first lesson. */
  purpose: text,
  minutes: z.strictObject({ essentials: z.number().int().positive(), full: z.number().int().positive() }),
  keyTakeaway: text,
  pmLens: text,
  caseStudy: z.strictObject({ title: text, body: text, source: sourceSchema.optional() }),
  concepts: z.array(conceptSchema).min(1),
});

export const lessonSchema = z.strictObject({
  id: lessonId,
  title: text,
  subtitle: text,
  keyTakeaway: text,
  whyItMatters: text,
  /** The story in two or three sentences, shown in the essentials (and so in daily posts). */
  storyInBrief: text,
  /** The story in full, shown in the full reading mode. */
  story: text,
  /** Depth notes shown only in the full reading mode. */
  depthNotes: z.array(text).default([]),
  /** Ids of facts (facts.yaml) quoted in the full reading mode. */
  facts: z.array(id).default([]),
  /** A cost scenario the lesson works through with the cost engine, e.g. "1M queries/day at $0.01". */
  workedExample: z.strictObject({ scenario: text, point: text }).optional(),
});

const checkBase = {
  id,
  title: text,
  lessons: z.array(lessonId).min(1),
  concepts: z.array(id).min(1),
};

export const choiceCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('choice'),
  question: text,
  options: z
    .array(z.strictObject({ id, text: choiceText, correct: z.boolean(), feedback: text }))
    .min(2)
    .max(6)
    .refine((o) => o.filter((x) => x.correct).length === 1, 'exactly one option must be correct'),
  /** Shown after any answer: the idea the check is about. */
  explanation: text,
  /**
   * Cost scenarios (as `tutor cost` reads them) whose results the check's figures quote; a content
   * test holds every dollar figure and count in the check to the cost engine's own output.
   */
  scenarios: z.array(text).optional(),
});

export const sortCheckSchema = z.strictObject({
  ...checkBase,
  kind: z.literal('sort'),
  prompt: text,
  categories: z
    .array(z.strictObject({ id, label: choiceText }))
    .min(2)
    .max(6),
  items: z
    .array(
      z.strictObject({
        id,
        text: text.max(300),
        answer: id,
        /** Why the item belongs where it does; shown when it was misplaced (and in full feedback). */
        feedback: text,
      }),
    )
    .min(2)
    .max(12),
});

export const checkSchema = z.discriminatedUnion('kind', [choiceCheckSchema, sortCheckSchema]);
export const checksFileSchema = z.strictObject({ checks: z.array(checkSchema).min(1) });

export const glossaryFileSchema = z.strictObject({
  terms: z
    .array(
      z.strictObject({
        id,
        term: text,
        /** Other spellings that count as the term when found in a sentence. */
        aliases: z.array(text).default([]),
        definition: text,
        lesson: lessonId.optional(),
      }),
    )
    .min(1),
});

export const resourcesFileSchema = z.strictObject({
  resources: z
    .array(
      z.strictObject({
        title: text,
        site: text,
        minutes: z.number().int().positive(),
        note: text,
        url: z.url().optional(),
        source: sourceSchema,
      }),
    )
    .min(1),
});

export const factsFileSchema = z.strictObject({
  facts: z
    .array(
      z.strictObject({
        id,
        figure: text,
        statement: text,
        /** What kind of number it is, shown beside it: a sourced estimate or a made-up illustration. */
        nature: z.enum(['estimate', 'illustration']),
        source: sourceSchema,
      }),
    )
    .min(1),
});

export type Course = z.infer<typeof courseSchema>;
export type ChapterMeta = z.infer<typeof chapterSchema>;
export type Concept = z.infer<typeof conceptSchema>;
export type Lesson = z.infer<typeof lessonSchema>;
export type ChoiceCheck = z.infer<typeof choiceCheckSchema>;
export type SortCheck = z.infer<typeof sortCheckSchema>;
export type Check = z.infer<typeof checkSchema>;
export type GlossaryTerm = z.infer<typeof glossaryFileSchema>['terms'][number];
export type Resource = z.infer<typeof resourcesFileSchema>['resources'][number];
export type Fact = z.infer<typeof factsFileSchema>['facts'][number];
export type Source = z.infer<typeof sourceSchema>;
