/**
 * Text an attacker controls (a scenario, a display name, a channel name, a model's answer) and the
 * checks that it reached a rendered card as text only: no link, mention, format or HTML.
 */
import { expect } from 'vitest';

export const MASKED_LINK = '[Claim your bonus](https://evil.example/x)';
/** Our markup's link, Slack's and Teams' own tricks, all in one string. */
export const HOSTILE = [
  MASKED_LINK,
  '[bare](https:evil.example)',
  '**bold** *b* _i_ ~s~ `c`',
  '<!channel> <@U999> <#C1> <https://evil.example|x>',
  '<a href="https://evil.example">a</a> <img src=x> <at>everyone</at>',
  'visit evil.example or https://evil.example',
].join(' ');
/** A line-level trick: a quote and a heading. */
export const HOSTILE_LINES = '> quoted\n# heading';

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every mrkdwn text of Block Kit blocks (or a whole message). */
export function mrkdwnTexts(blocks: unknown): string[] {
  const out: string[] = [];
  walk(blocks, (n) => {
    if (n.type === 'mrkdwn' && typeof n.text === 'string') out.push(n.text);
  });
  return out;
}

/** Every text Teams reads as markdown: TextBlocks and facts. */
export function teamsMarkdownTexts(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string' && n.type === undefined) out.push(n.title, n.value);
  });
  return out;
}

/** Slack: the attacker's text shows literally; nothing of it is a link, mention or format. */
export function expectInertMrkdwn(texts: readonly string[], ownLinks = 0): void {
  const all = texts.join('\n');
  expect(all).not.toMatch(/<!|<@|<#/);
  expect(all.match(/<https?:/g) ?? []).toHaveLength(ownLinks);
  // Slack's own format markers from the attacker show as look-alikes, not as *bold*, ~strike~, `code`.
  expect(all).not.toMatch(/\*b\*|~s~|`c`|(^|\s)_i_|\*bold\*/);
  expect(all).not.toMatch(/^&gt;/m);
}

/** Teams: no link syntax, no HTML, no bare URL or host Teams could link by itself. */
export function expectInertTeams(texts: readonly string[], ownLinks = 0): void {
  const all = texts.join('\n');
  expect(all.match(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/g) ?? []).toHaveLength(ownLinks);
  expect(all).not.toMatch(/<[A-Za-z/!?]/);
  if (ownLinks === 0) {
    expect(all).not.toContain('https://');
    expect(all).not.toContain('evil.example');
  }
  expect(all).not.toMatch(/^[>#]/m);
}
