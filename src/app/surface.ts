import type { Catalog } from '../core/content/catalog.js';
import type { Explainer } from '../explain/explainer.js';
import type { Logger } from '../server/log.js';
import type { Store } from '../store/index.js';
import type { PickSessions } from './pick-sessions.js';
import type { Tutor } from './tutor.js';

/**
 * What every chat surface (Slack, Teams) is given by the composition root. Each surface extends it
 * with its own needs; listeners and handlers get it and never import the composition root.
 */
export interface SurfaceDeps {
  readonly tutor: Tutor;
  readonly store: Store;
  readonly catalog: Catalog;
  readonly log: Logger;
  readonly now: () => number;
  /** TUTOR_MANAGERS as given: Slack user ids, Azure AD object ids, e-mail addresses. */
  readonly managers: ReadonlySet<string>;
  /** Plain-English explanations (OpenAI or the glossary). */
  readonly explainer: Explainer;
  /** Sentences waiting in an open "Explain" picker. */
  readonly pickSessions: PickSessions;
}
