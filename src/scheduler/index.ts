/** Daily prompts: parsing the `daily` command, due computation, pacing and the runner. */
export { describeDays, describeSchedule, parseDays, WEEK } from './days.js';
export { type DueDelivery, dueDeliveries, dueInstant } from './due.js';
export {
  type ChannelRef,
  channelIdOf,
  DAILY_EXAMPLE,
  type DailyParse,
  type DailyRequest,
  parseDaily,
  parseTime,
} from './parse.js';
export { createPacer, type Pacer, type PacerOptions } from './rate-limit.js';
export { createScheduler, type Scheduler, type SchedulerOptions } from './runner.js';
export {
  isSettled,
  PERMANENT_PREFIX,
  type PromptSender,
  type SendOutcome,
  type SendTarget,
  type TickResult,
} from './types.js';
