import type { DirectSender, PromptSender } from '../../scheduler/index.js';
import type { Route } from '../../server/http.js';
import type { Platform } from '../../store/index.js';

/**
 * What every platform hands the composition root, so src/main.ts starts each the same way: its
 * HTTP routes, the sender the scheduler posts daily prompts with, and its lifecycle.
 */
export interface PlatformRuntime {
  readonly platform: Platform;
  readonly routes: readonly Route[];
  /** Absent when the platform cannot post on its own (nothing configured to post with). */
  readonly sender?: PromptSender;
  /** Sends personal daily lessons by DM; absent when the platform cannot. */
  readonly directSender?: DirectSender;
  /** One line for the start-up log: on or off, and why. */
  readonly status: { readonly on: boolean; readonly detail: Record<string, unknown> };
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when no request is still being worked on after its acknowledgement (or after timeoutMs). */
  drain(timeoutMs?: number): Promise<void>;
}
