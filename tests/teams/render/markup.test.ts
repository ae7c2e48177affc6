import { describe, expect, it } from 'vitest';
import { neutraliseAngles, toTeamsMarkdown, toTeamsPlain } from '../../../src/teams/render/markup.js';

const NBSP = '\u00a0';

describe('toTeamsMarkdown', () => {
  it('keeps bold, italics and links, which Teams renders as they are', () => {
    expect(toTeamsMarkdown('**Key takeaway** is _this_: [Llama 3](https://ai.meta.com/llama/)')).toBe(
      '**Key takeaway** is _this_: [Llama 3](https://ai.meta.com/llama/)',
    );
  });

  it('writes code spans, which Teams does not render, in quotes', () => {
    expect(toTeamsMarkdown('Try `cost 1M queries/day at $0.01` now')).toBe('Try “cost 1M queries/day at $0.01” now');
    // Inside a code span markdown characters are literal, not formatting.
    expect(toTeamsMarkdown('`a*b*c [x]`')).toBe('“a\\*b\\*c \\[x\\]”');
  });

  it('keeps text in angle brackets visible instead of letting Teams treat it as HTML', () => {
    expect(toTeamsMarkdown('Ask `cost <scenario>` or cost <scenario>')).toBe(
      'Ask “cost ‹scenario›” or cost ‹scenario›',
    );
    expect(toTeamsMarkdown('<b>bold?</b> <img src=x onerror=alert(1)> a<b')).toBe(
      '‹b›bold?‹/b› ‹img src=x onerror=alert(1)› a‹b',
    );
    expect(toTeamsMarkdown('[<label>](https://x.test/?q=<a>)')).toBe('[‹label›](https://x.test/?q=%3Ca%3E)');
  });

  it('leaves angle brackets alone where HTML reads them as text', () => {
    expect(toTeamsMarkdown('latency < 200 ms, cost > $0 and 3 <= 4 -> ok')).toBe(
      'latency < 200 ms, cost > $0 and 3 <= 4 -> ok',
    );
  });

  it('turns every line break into a paragraph break, since Teams joins single lines', () => {
    expect(toTeamsMarkdown('**Due**\n• one\n• two')).toBe('**Due**\n\n• one\n\n• two');
    expect(toTeamsMarkdown('para one\n\n\npara two\r\nline')).toBe('para one\n\npara two\n\nline');
    expect(toTeamsMarkdown('\n\n')).toBe('');
  });

  it('keeps indentation without making a code block, and stops headings and quotes', () => {
    expect(toTeamsMarkdown('✗ item\n    You chose X')).toBe(`✗ item\n\n${NBSP.repeat(4)}You chose X`);
    expect(toTeamsMarkdown('# not a heading\n> not a quote')).toBe('\\# not a heading\n\n\\> not a quote');
  });
});

describe('toTeamsPlain', () => {
  it('drops markup for places Teams shows verbatim', () => {
    expect(toTeamsPlain('**Next:** _§3.2_ [read](https://x.test) `quiz 3`')).toBe('Next: §3.2 read “quiz 3”');
    expect(toTeamsPlain('two\nlines <here>')).toBe('two lines ‹here›');
  });
});

describe('neutraliseAngles', () => {
  it('only touches what could open a tag', () => {
    expect(neutraliseAngles('<!-- c --> <?x?> </p> <3 <')).toBe('‹!-- c --› ‹?x?› ‹/p› <3 <');
  });
});
