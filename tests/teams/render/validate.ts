/**
 * Validates Adaptive Card JSON with the real `adaptivecards` library (v3), the renderer Microsoft
 * ships for web hosts, at schema version 1.5.
 *
 * Why the odd loading: the package's `lib/` build is ESM without file extensions, which Node cannot
 * import, so we `require` its UMD bundle `dist/adaptivecards.js`. That bundle is written for a
 * browser: parsing works without a DOM, but rendering uses `document`, `HTMLButtonElement` and more.
 * We therefore give Node a jsdom window first (only the globals Node lacks, removed again by
 * `dispose`) and render every card too, so a card that parses but cannot render also fails.
 *
 * The library's types are not imported: its `.d.ts` files need the DOM lib, and jsdom's types would
 * add that lib to the whole project's type check. The small interfaces below are all we use.
 */
import { createRequire } from 'node:module';

interface AcEvent {
  readonly phase: number;
  readonly event: number;
  readonly message: string;
}
interface AcCard {
  parse(json: unknown, context: AcContext): void;
  validateProperties(): { readonly validationEvents: readonly AcEvent[] };
  render(): { readonly textContent: string | null } | undefined;
  toJSON(context: AcContext): unknown;
}
interface AcContext {
  readonly eventCount: number;
  getEventAt(index: number): AcEvent;
}
interface AcModule {
  readonly AdaptiveCard: (new () => AcCard) & {
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: unknown }) => void;
  };
  readonly SerializationContext: new (version: unknown) => AcContext;
  readonly Versions: { readonly v1_5: unknown };
}
interface JsdomModule {
  readonly JSDOM: new (
    html: string,
    options: { url: string },
  ) => { readonly window: Record<string, unknown> & { close(): void } };
}

const require = createRequire(import.meta.url);

export interface Validator {
  /** Every problem the library reports, as readable lines; empty when the card is valid. */
  problems(json: unknown): string[];
  /** The text a user would see, rendered in jsdom with text treated as HTML the way Teams does. */
  renderedText(json: unknown): string;
  /**
   * Properties we wrote that the library dropped when it serialised the card back: ones it does not
   * know at 1.5 (a typo, a newer property), which parse events do not report.
   */
  lostProperties(json: unknown): string[];
  dispose(): void;
}

function installDom(): () => void {
  const { JSDOM } = require('jsdom') as JsdomModule;
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://localhost/',
  });
  const g = globalThis as Record<string, unknown>;
  const added: string[] = [];
  const define = (name: string, value: unknown) => {
    if (name in g) return; // keep Node's own (URL, Event, fetch, …)
    Object.defineProperty(g, name, { value, configurable: true, writable: true });
    added.push(name);
  };
  define('window', window);
  for (const name of Object.getOwnPropertyNames(window)) {
    if (name.startsWith('_') || name in g) continue;
    try {
      define(name, window[name]);
    } catch {
      // a getter that refuses outside a browser (e.g. an origin-bound storage): not needed here
    }
  }
  return () => {
    for (const name of added) delete g[name];
    window.close();
  };
}

/**
 * Teams renders TextBlock markdown to HTML and lets HTML through (its sanitiser then drops unknown
 * tags). Passing the text through as HTML, paragraph by paragraph, reproduces what matters here:
 * whether text in angle brackets stays visible. Markdown syntax itself is left as typed.
 */
const teamsLikeMarkdown = (text: string, result: { didProcess: boolean; outputHtml?: unknown }) => {
  result.outputHtml = text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('');
  result.didProcess = true;
};

/** Defaults the library omits when it serialises: writing them explicitly is not a loss. */
const DEFAULTS: Readonly<Record<string, unknown>> = { style: 'compact' };

function lost(ours: unknown, theirs: unknown, path: string, out: string[]): void {
  if (Array.isArray(ours)) {
    ours.forEach((item, i) => {
      lost(item, Array.isArray(theirs) ? theirs[i] : undefined, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof ours !== 'object' || ours === null) {
    if (ours !== theirs) out.push(`${path}: wrote ${JSON.stringify(ours)}, library kept ${JSON.stringify(theirs)}`);
    return;
  }
  const kept = (typeof theirs === 'object' && theirs !== null ? theirs : {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(ours)) {
    if (!(key in kept) && DEFAULTS[key] === value) continue;
    lost(value, kept[key], `${path}.${key}`, out);
  }
}

const describeEvent = (e: AcEvent, phase: string) => `${phase} event ${e.event}: ${e.message}`;

export function createValidator(): Validator {
  const removeDom = installDom();
  const ac = require('adaptivecards/dist/adaptivecards.js') as AcModule;
  ac.AdaptiveCard.onProcessMarkdown = teamsLikeMarkdown;
  const parse = (json: unknown) => {
    const card = new ac.AdaptiveCard();
    const context = new ac.SerializationContext(ac.Versions.v1_5);
    card.parse(json, context);
    return { card, context };
  };
  return {
    problems(json) {
      const { card, context } = parse(json);
      const found: string[] = [];
      for (let i = 0; i < context.eventCount; i++) found.push(describeEvent(context.getEventAt(i), 'parse'));
      for (const e of card.validateProperties().validationEvents) found.push(describeEvent(e, 'validation'));
      try {
        if (!card.render()) found.push('render: the library rendered nothing');
      } catch (e) {
        found.push(`render: ${(e as Error).message}`);
      }
      return found;
    },
    renderedText(json) {
      return parse(json).card.render()?.textContent ?? '';
    },
    lostProperties(json) {
      const { card } = parse(json);
      const theirs = card.toJSON(new ac.SerializationContext(ac.Versions.v1_5));
      // `msteams` is Teams' own extension of the card, unknown to the library by design.
      const { msteams: _teams, ...ours } = json as Record<string, unknown>;
      const out: string[] = [];
      lost(ours, theirs, 'card', out);
      return out;
    },
    dispose() {
      ac.AdaptiveCard.onProcessMarkdown = undefined;
      removeDom();
    },
  };
}
