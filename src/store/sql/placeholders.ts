import type { Params } from './sql.js';

/**
 * A query text rewritten for PostgreSQL: `?` and `@name` become `$1 … $n`. `names` lists the
 * named parameter of each `$i` (undefined for positional texts); `count` is how many there are.
 */
export interface Translated {
  readonly text: string;
  readonly count: number;
  readonly names?: readonly string[];
}

const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdent = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * Rewrites the placeholders of one text. Quoted text is copied untouched: '…' strings (with ''
 * and, after E, backslash escapes), "…" identifiers, $tag$…$tag$ bodies, -- and /* *\/ comments
 * (a comment may hold an apostrophe). `::` casts and operators such as `@>` are not placeholders.
 * Mixing `?` and `@name` in one text is a programming error.
 */
export function translatePlaceholders(sql: string): Translated {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  let i = 0;
  const copyUntil = (end: number) => {
    out += sql.slice(i, end);
    i = end;
  };

  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'") {
      const escapes = i > 0 && /[Ee]/.test(sql[i - 1] ?? '') && !isIdent(sql[i - 2]);
      let j = i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      copyUntil(Math.min(j + 1, sql.length));
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      copyUntil(end < 0 ? sql.length : end + 1);
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      copyUntil(end < 0 ? sql.length : end);
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      copyUntil(end < 0 ? sql.length : end + 2);
    } else if (c === ':' && next === ':') {
      copyUntil(i + 2);
    } else if (c === '$' && !isIdent(sql[i - 1]) && (next === '$' || isIdentStart(next))) {
      const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        copyUntil(end < 0 ? sql.length : end + tag[0].length);
      } else {
        copyUntil(i + 1);
      }
    } else if (c === '?') {
      if (names.length > 0) throw new Error(`Query mixes ? and @name placeholders: ${sql}`);
      positional += 1;
      out += `$${positional}`;
      i += 1;
    } else if (c === '@' && isIdentStart(next) && !isIdent(sql[i - 1])) {
      if (positional > 0) throw new Error(`Query mixes ? and @name placeholders: ${sql}`);
      let j = i + 1;
      while (isIdent(sql[j])) j++;
      const name = sql.slice(i + 1, j);
      let index = indexOf.get(name);
      if (index === undefined) {
        names.push(name);
        index = names.length;
        indexOf.set(name, index);
      }
      out += `$${index}`;
      i = j;
    } else {
      copyUntil(i + 1);
    }
  }
  return names.length > 0 ? { text: out, count: names.length, names } : { text: out, count: positional };
}

/** The values for `$1 … $n` of a translated text, from the caller's params. */
export function valuesFor(translated: Translated, params: Params | undefined, original: string): unknown[] {
  if (translated.names) {
    if (params === undefined || Array.isArray(params)) {
      throw new Error(`Query uses @name placeholders but got ${params ? 'an array' : 'no params'}: ${original}`);
    }
    const named = params as Readonly<Record<string, unknown>>;
    return translated.names.map((name) => {
      if (!(name in named)) throw new Error(`Query parameter @${name} has no value: ${original}`);
      return named[name];
    });
  }
  if (params === undefined) return [];
  if (!Array.isArray(params)) {
    if (translated.count === 0) return [];
    throw new Error(`Query uses ? placeholders but got named params: ${original}`);
  }
  if (params.length !== translated.count) {
    throw new Error(`Query has ${translated.count} ? placeholders but got ${params.length} values: ${original}`);
  }
  return [...params];
}
