/**
 * "Explain in plain English": OpenAI when a key is set and the day's budget allows, the glossary
 * otherwise. Order of checks: input length → cache → key → workspace budget → member limit → call.
 * `explain` never throws: every failure becomes the glossary answer with a reason.
 *
 * Everything is in the database, so every instance sees the same: the per-member hourly window
 * (store.rateLimits), the served / cache-hit counters for the report (store.explainCounters), and
 * spend and call counts (store.spend), per UTC day.
 */
import { createHash } from 'node:crypto';
import { createSharedRateLimiter } from '../app/limits.js';
import type { Config } from '../config.js';
import type { Catalog } from '../core/content/catalog.js';
import { findTerms, glossaryExplanation, glossaryOf, lessonFor, MAX_TERMS } from '../core/explain/glossary.js';
import { cleanSentence, MAX_MESSAGE_CHARS, normaliseSentence } from '../core/explain/sentences.js';
import type { Explanation, FallbackReason } from '../core/explain/types.js';
import type { Logger } from '../server/log.js';
import type { Store } from '../store/index.js';
import { microsToUsd, pricing, spendMicros, type Usage, usdToMicros, utcDay } from './budget.js';
import { callModel, createClient, type ModelClient } from './call.js';
import { createCounters } from './counters.js';
import { buildMessages, MAX_COMPLETION_TOKENS, MAX_INPUT_CHARS, PROMPT_VERSION, replySchema } from './prompt.js';

export type { ExplainedTerm, Explanation, ExplanationSource, FallbackReason } from '../core/explain/types.js';
export { MAX_INPUT_CHARS, PROMPT_VERSION } from './prompt.js';

export interface ExplainerConfig {
  readonly apiKey?: string;
  readonly baseUrl?: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly dailyBudgetUsd: number;
  readonly perMemberPerHour: number;
}

export interface ExplainerOptions {
  readonly catalog: Catalog;
  readonly store: Pick<Store, 'explanations' | 'spend' | 'rateLimits' | 'explainCounters'>;
  readonly log: Logger;
  readonly config: ExplainerConfig;
  readonly now?: () => number;
}

export interface ExplainRequest {
  readonly sentence: string;
  readonly workspaceId: string;
  /** Who asked, unique across workspaces (e.g. "slack:T1:U1"); the hourly limit is per key. */
  readonly memberKey: string;
  /** The lesson the sentence was picked from, when the surface knows it. */
  readonly lessonId?: string;
}

export interface ExplainStats {
  readonly day: string;
  /** Answers of every source, by every instance. */
  readonly served: number;
  readonly cacheHits: number;
  /** Billed API calls (durable). */
  readonly apiCalls: number;
  readonly spendUsd: number;
  readonly budgetUsd: number;
}

export interface Explainer {
  explain(request: ExplainRequest): Promise<Explanation>;
  /** The manager report's numbers for one workspace and UTC day (default today). */
  stats(workspaceId: string, day?: string): Promise<ExplainStats>;
  readonly model: string;
  /** Whether a key is configured (the model may still be skipped for budget or limits). */
  readonly online: boolean;
}

export const explainerConfig = (c: Config): ExplainerConfig => ({
  ...(c.OPENAI_API_KEY ? { apiKey: c.OPENAI_API_KEY } : {}),
  ...(c.OPENAI_BASE_URL ? { baseUrl: c.OPENAI_BASE_URL } : {}),
  model: c.OPENAI_MODEL,
  timeoutMs: c.EXPLAIN_TIMEOUT_MS,
  dailyBudgetUsd: c.EXPLAIN_DAILY_BUDGET_USD,
  perMemberPerHour: c.EXPLAIN_PER_MEMBER_PER_HOUR,
});

/** Same question, same model, same prompt → same answer; anything else is a new entry. */
export const cacheKey = (sentence: string, model: string): string =>
  createHash('sha256')
    .update([normaliseSentence(sentence), model, PROMPT_VERSION].join('\u0000'))
    .digest('hex');

const HOUR_MS = 3_600_000;

export function createExplainer(options: ExplainerOptions): Explainer {
  const { catalog, store, log, config } = options;
  const now = options.now ?? Date.now;
  const model = config.model;
  const client: ModelClient | undefined = config.apiKey
    ? createClient({
        apiKey: config.apiKey,
        timeoutMs: config.timeoutMs,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      })
    : undefined;
  const { price, known } = pricing(model);
  if (client && !known)
    log.warn('explain.price_unknown', {
      model,
      pricedAs: price.id,
      why: 'not in the price table; budget uses this price',
    });
  const budgetMicros = usdToMicros(config.dailyBudgetUsd);
  const limiter = createSharedRateLimiter({
    store,
    scope: 'explain',
    limit: config.perMemberPerHour,
    windowMs: HOUR_MS,
    now,
  });
  const counters = createCounters(store, now);

  /** Tokens the API did not report are estimated high: a prompt character per token, and a full reply. */
  async function charge(
    workspaceId: string,
    day: string,
    usage: Usage | undefined,
    promptChars: number,
  ): Promise<number> {
    const tokens = usage ?? { prompt_tokens: promptChars, completion_tokens: MAX_COMPLETION_TOKENS };
    const micros = spendMicros(tokens, price);
    await store.spend.add(workspaceId, day, micros);
    return micros;
  }

  async function answer(request: ExplainRequest): Promise<Explanation> {
    const sentence = cleanSentence(String(request.sentence ?? '').slice(0, MAX_MESSAGE_CHARS));
    const lessonId = typeof request.lessonId === 'string' ? request.lessonId : undefined;
    const fallback = (reason?: FallbackReason) =>
      glossaryExplanation(sentence, catalog, { ...(lessonId ? { lessonId } : {}), ...(reason ? { reason } : {}) });
    if (sentence === '') return fallback();
    if (sentence.length > MAX_INPUT_CHARS) return fallback('too_long');

    const found = findTerms(sentence, glossaryOf(catalog)).slice(0, MAX_TERMS);
    const lesson = lessonFor(sentence, catalog, found, lessonId);
    const base = {
      terms: found.map((t) => ({ term: t.term, definition: t.definition })),
      ...(lesson ? { lessonId: lesson.id } : {}),
    };
    const key = cacheKey(sentence, model);
    // A hit costs nothing, so it is served whatever the key, budget or member limit say.
    const cached = replySchema.safeParse((await store.explanations.get(key))?.explanation);
    if (cached.success)
      return { ...base, text: cached.data.explanation, analogy: cached.data.analogy, source: 'cache', model };

    if (!client) return fallback('no_key');
    const day = utcDay(now());
    if ((await store.spend.get(request.workspaceId, day)).usdMicros >= budgetMicros) return fallback('budget');
    const slot = await limiter.take(`${request.workspaceId}\u0000${request.memberKey}`);
    if (!slot.ok) return { ...fallback('rate_limited'), retryInMs: slot.retryInMs };

    const chapter = lesson ? catalog.chapterOf(lesson.id) : catalog.chapters[0];
    const messages = buildMessages(sentence, {
      ...(lesson ? { lesson } : {}),
      ...(chapter ? { chapter } : {}),
      terms: found,
    });
    const started = now();
    const result = await callModel(client, { model, messages, timeoutMs: config.timeoutMs });
    const ms = now() - started;
    if (result.ok || result.billed) {
      const promptChars = messages.reduce((n, m) => n + String(m.content ?? '').length, 0);
      try {
        const micros = await charge(request.workspaceId, day, result.usage, promptChars);
        log.info('explain.call', { workspaceId: request.workspaceId, model, usdMicros: micros, ms, ok: result.ok });
      } catch (e) {
        // Already paid for: the member gets the answer; the fault (e.g. an unknown workspace) is logged.
        log.error('explain.spend_write_failed', { workspaceId: request.workspaceId, error: e });
      }
    }
    if (!result.ok) {
      log.warn('explain.fallback', {
        workspaceId: request.workspaceId,
        model,
        reason: result.reason,
        detail: result.detail,
        ms,
      });
      return fallback(result.reason);
    }
    try {
      await store.explanations.put({
        key,
        sentence: normaliseSentence(sentence),
        model,
        promptVersion: PROMPT_VERSION,
        explanation: result.reply,
      });
    } catch (e) {
      // The member still gets the answer; the next asker pays for it again.
      log.warn('explain.cache_write_failed', { error: e });
    }
    return { ...base, text: result.reply.explanation, analogy: result.reply.analogy, source: 'openai', model };
  }

  return {
    model,
    online: client !== undefined,
    async explain(request) {
      let result: Explanation;
      try {
        result = await answer(request);
      } catch (e) {
        // A store or programming fault: the member still gets the offline answer.
        log.error('explain.failed', { error: e });
        result = glossaryExplanation(String(request?.sentence ?? '').slice(0, MAX_INPUT_CHARS), catalog, {
          reason: 'error',
        });
      }
      try {
        await counters.count(String(request?.workspaceId ?? ''), result.source === 'cache');
      } catch (e) {
        // A rate for the report, not money: the member still gets the answer.
        log.warn('explain.count_failed', { error: e });
      }
      // What was served and why, never the sentence: operators see budget and limit hits here.
      log.info('explain.served', {
        workspaceId: request?.workspaceId,
        source: result.source,
        reason: result.reason,
        lessonId: result.lessonId,
      });
      return result;
    },
    async stats(workspaceId, day = utcDay(now())) {
      const [c, spent] = await Promise.all([counters.get(workspaceId, day), store.spend.get(workspaceId, day)]);
      return {
        day,
        served: c.served,
        cacheHits: c.cacheHits,
        apiCalls: spent.calls,
        spendUsd: microsToUsd(spent.usdMicros),
        budgetUsd: config.dailyBudgetUsd,
      };
    },
  };
}
