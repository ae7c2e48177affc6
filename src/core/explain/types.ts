/**
 * The explainer's answer, shared by the explainer (src/explain), the views and the platform layers.
 * It lives in the core because the card builder must not reach src/explain (which talks to OpenAI).
 */

/** Where the answer came from: the model now, the model earlier (cache), or the offline glossary. */
export type ExplanationSource = 'openai' | 'cache' | 'glossary';

/** Why the glossary answered instead of the model. */
export type FallbackReason = 'no_key' | 'timeout' | 'error' | 'malformed' | 'budget' | 'rate_limited' | 'too_long';

export interface ExplainedTerm {
  readonly term: string;
  readonly definition: string;
}

export interface Explanation {
  readonly text: string;
  readonly analogy?: string;
  /** Glossary terms found in the sentence, with their definitions (for every source). */
  readonly terms: readonly ExplainedTerm[];
  /** The lesson the explanation is grounded in. */
  readonly lessonId?: string;
  readonly source: ExplanationSource;
  /** Set when source is 'glossary' because the model could not or must not be used. */
  readonly reason?: FallbackReason;
  /** The model that wrote the text (sources 'openai' and 'cache'). */
  readonly model?: string;
  /** With reason 'rate_limited': when the member may ask the model again. */
  readonly retryInMs?: number;
}
