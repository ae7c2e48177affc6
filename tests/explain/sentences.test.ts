import { describe, expect, it } from 'vitest';
import { findTerms, glossaryOf } from '../../src/core/explain/glossary.js';
import { matchLesson } from '../../src/core/explain/lesson-match.js';
import {
  cleanSentence,
  MAX_SENTENCE_CHARS,
  MAX_SENTENCES,
  normaliseSentence,
  pickedText,
  splitSentences,
  stripMarkup,
} from '../../src/core/explain/sentences.js';
import { lessonCard } from '../../src/views/lesson.js';
import { cardToText } from '../../src/views/text.js';
import { realCatalog } from '../helpers/world.js';

const catalog = realCatalog();

describe('stripMarkup', () => {
  it('keeps link labels and drops Slack control sequences, emoji codes and markers', () => {
    expect(stripMarkup('Read <https://example.com/a.b?x=1|the article> now <@U123> <!here> :rocket:')).toBe(
      'Read the article now   ',
    );
    expect(stripMarkup('*Training* is _slow_, ~cheap~ `costly` and **big** in <#C1|general>')).toBe(
      'Training is slow, cheap costly and big in #general',
    );
    expect(stripMarkup('See [the docs](https://example.com) &amp; latency &lt; 1 s')).toBe(
      'See the docs & latency < 1 s',
    );
  });

  it('leaves arithmetic, snake_case and a typed "<" alone', () => {
    expect(stripMarkup('2 * 3 * 4 and max_completion_tokens and latency < 1 s > 0')).toBe(
      '2 * 3 * 4 and max_completion_tokens and latency < 1 s > 0',
    );
  });
});

describe('splitSentences', () => {
  it('splits a real lesson story into its sentences', () => {
    const story = catalog.lesson('3.1')?.story ?? '';
    const sentences = splitSentences(story);
    expect(sentences[0]).toBe(
      'Picture a data centre hall packed with GPU racks, fans roaring, using more electricity than some neighbourhoods.',
    );
    expect(sentences).toContain('That is training.');
    expect(sentences).toContain('It is a classroom with one very expensive student.');
    expect(sentences).toHaveLength(9);
  });

  it('reads a Slack lesson message: headings, bullets and links go, sentences stay', () => {
    const message = [
      '*§3.1 What is training*',
      '*Key takeaway*',
      "All of a model's learning happens in training. Treat it as a big investment, e.g. an R&D project.",
      '• Teams use <https://example.com/x.y|mixed precision> vs. full precision to save memory.',
      '1. Spot instances cost 60-90% less.',
    ].join('\n');
    expect(splitSentences(message)).toEqual([
      "All of a model's learning happens in training.",
      'Treat it as a big investment, e.g. an R&D project.',
      'Teams use mixed precision vs. full precision to save memory.',
      'Spot instances cost 60-90% less.',
    ]);
  });

  it('reads the text form of our own lesson card', () => {
    const lesson = catalog.lesson('3.4');
    const chapter = lesson && catalog.chapterOf(lesson.id);
    if (!lesson || !chapter) throw new Error('lesson 3.4 is missing');
    const text = cardToText(
      lessonCard({ lesson, chapter, mode: 'essentials', position: 4, facts: [], withChapterClose: false }),
    );
    const sentences = splitSentences(text);
    expect(sentences).toContain(
      'With AI features, cost follows usage one for one: ten times the users means ten times the compute and ten times the bill.',
    );
    expect(sentences).not.toContain('Key takeaway');
  });

  it('bounds the count and the length, and drops duplicates', () => {
    const many = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    expect(splitSentences(many)).toHaveLength(MAX_SENTENCES);
    const long = `${'Training is a very long word salad '.repeat(30)}.`;
    const [one] = splitSentences(long);
    expect(one?.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(one?.endsWith('…')).toBe(true);
    expect(splitSentences('Inference is OpEx. INFERENCE  is “opex”! Training is CapEx.')).toEqual([
      'Inference is OpEx.',
      'Training is CapEx.',
    ]);
  });

  it('keeps a lone short question, and returns nothing for nothing', () => {
    expect(splitSentences('Inference?')).toEqual(['Inference?']);
    expect(splitSentences('  \n :wave: \n')).toEqual([]);
  });
});

describe('normaliseSentence', () => {
  it('ignores case, spacing, quotes and closing punctuation', () => {
    const key = normaliseSentence('Inference is OpEx.');
    expect(key).toBe('inference is opex');
    for (const v of ['  “Inference  is *OpEx*”!  ', '"inference is opex"', 'INFERENCE IS OPEX?!', 'Inference is OpEx…'])
      expect(normaliseSentence(v)).toBe(key);
    expect(normaliseSentence('Training is CapEx.')).not.toBe(key);
    expect(normaliseSentence('It’s a model’s weights.')).toBe("it's a model's weights");
  });

  it('cleanSentence keeps the case but flattens markup and whitespace', () => {
    expect(cleanSentence('  *Inference*\n is   OpEx. ')).toBe('Inference is OpEx.');
  });
});

describe('pickedText', () => {
  const sentences = ['One is here.', 'Two is there.'];
  it('maps a picker value to its sentence, "all" to the whole, anything else to nothing', () => {
    expect(pickedText(sentences, '1')).toBe('Two is there.');
    expect(pickedText(sentences, 'all')).toBe('One is here. Two is there.');
    expect(pickedText(sentences, '2')).toBeUndefined();
    expect(pickedText(sentences, '-1')).toBeUndefined();
    expect(pickedText(sentences, '__proto__')).toBeUndefined();
  });
});

describe('matchLesson', () => {
  it('finds the lesson of every sentence of every lesson', () => {
    for (const lesson of catalog.lessons) {
      const text = [lesson.keyTakeaway, lesson.whyItMatters, lesson.story, ...lesson.depthNotes].join('\n');
      for (const s of splitSentences(text))
        expect(matchLesson(s, catalog, findTerms(s, glossaryOf(catalog)))?.id, s).toBe(lesson.id);
    }
  });

  it('matches typed questions by their words and terms, and nothing for off-topic text', () => {
    const match = (s: string) => matchLesson(s, catalog, findTerms(s, glossaryOf(catalog)))?.id;
    expect(match('Inference is OpEx')).toBe('3.2');
    expect(match('Why would speculative decoding make answers faster?')).toBe('3.6');
    expect(match('Ten times the users means ten times the bill')).toBe('3.4');
    expect(match('Write me a poem about cats')).toBeUndefined();
  });
});
