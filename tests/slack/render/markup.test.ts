import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampMrkdwn, clampPlain, escapeMrkdwn, mrkdwnChunks, toMrkdwn } from '../../../src/slack/render/markup.js';

/** What is left of mrkdwn once our own links are taken out: must hold no control characters. */
const withoutLinks = (s: string) => s.replace(/<https?:\/\/[^|<>\s]+\|[^<>]*>/g, '');
const noControl = (s: string) => {
  const rest = withoutLinks(s);
  return !/[<>]/.test(rest) && !/&(?!amp;|lt;|gt;)/.test(rest);
};

describe('inline markup to mrkdwn', () => {
  it('converts bold, keeps italic and code, turns links into <url|label>', () => {
    expect(toMrkdwn('**Key takeaway**')).toBe('*Key takeaway*');
    expect(toMrkdwn('an _italic_ word and `1M queries/day`')).toBe('an _italic_ word and `1M queries/day`');
    expect(toMrkdwn('see [the paper](https://arxiv.org/abs/2407.21783).')).toBe(
      'see <https://arxiv.org/abs/2407.21783|the paper>.',
    );
    expect(toMrkdwn('**[bold link](https://a.example)**')).toBe('*<https://a.example|bold link>*');
  });
  it('leaves snake_case, lone markers and non-http links alone', () => {
    expect(toMrkdwn('snake_case_name, 2 * 3, a_b')).toBe('snake_case_name, 2 * 3, a_b');
    expect(toMrkdwn('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
  it('escapes &, < and > so text cannot mention @channel or forge links', () => {
    expect(toMrkdwn('<!channel> <!here|here> <@U123> R&D > ops')).toBe(
      '&lt;!channel&gt; &lt;!here|here&gt; &lt;@U123&gt; R&amp;D &gt; ops',
    );
    expect(toMrkdwn('**<!everyone>** `a<b && c>d`')).toBe('*&lt;!everyone&gt;* `a&lt;b &amp;&amp; c&gt;d`');
    expect(toMrkdwn('[<!channel>](https://x.example/?a=1&b=2|3)')).toBe(
      '<https://x.example/?a=1&amp;b=2%7C3|&lt;!channel&gt;>',
    );
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
  it('never lets a control character through, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => noControl(toMrkdwn(s))));
    const markupish = fc.array(
      fc.constantFrom('**', '_', '`', '[a](https://b.c/?d&e)', '<', '>', '&', ' ', '\n', 'x', '|'),
    );
    fc.assert(fc.property(markupish, (parts) => noControl(toMrkdwn(parts.join('')))));
  });
});

describe('cutting to Slack lengths', () => {
  it('cuts plain text with an ellipsis, never through an emoji', () => {
    expect(clampPlain('short', 75)).toBe('short');
    expect(clampPlain('a  b\n c', 75)).toBe('a b c');
    const cut = clampPlain(`${'x'.repeat(73)}🚀🚀`, 75);
    expect(cut.length).toBeLessThanOrEqual(75);
    expect(cut).toBe(`${'x'.repeat(73)}…`);
  });
  it('cuts mrkdwn outside entities and links', () => {
    expect(clampMrkdwn(`${'x'.repeat(8)}&amp;yy`, 10)).toBe(`${'x'.repeat(8)}…`);
    expect(clampMrkdwn(`abc <https://example.com|label> def`, 20)).toBe('abc…');
  });
  it('splits long text into chunks at line boundaries', () => {
    const text = ['**one**', 'two', '', 'three'].join('\n');
    expect(mrkdwnChunks(text, 3000)).toEqual(['*one*\ntwo\n\nthree']);
    expect(mrkdwnChunks(text, 9)).toEqual(['*one*\ntwo', 'three']);
    expect(mrkdwnChunks('\n \n', 3000)).toEqual([]);
  });
  it('keeps every chunk within the limit and every link whole', () => {
    const link = '[a link](https://example.com/a/long/path)';
    const text = `${'word '.repeat(900)}${link} ${'&<> '.repeat(500)}`;
    const chunks = mrkdwnChunks(text, 3000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 3000 && noControl(c))).toBe(true);
    expect(chunks.join(' ')).toContain('<https://example.com/a/long/path|a link>');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 20, max: 120 }), (s, max) =>
        mrkdwnChunks(s, max).every((c) => c.length <= max && c.trim() !== '' && noControl(c)),
      ),
    );
  });
});
