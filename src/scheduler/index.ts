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
export {
  dueLesson,
  dueReminder,
  REMINDER_AFTER_MS,
  REMINDER_WINDOW,
  reminderInstant,
  zoneToAdopt,
} from './personal-due.js';
export { DM_LIMITS, type SendLimits, SLACK_DM_LIMITS, TEAMS_DM_LIMITS } from './personal-limits.js';
export {
  ENROLL_EXAMPLE,
  type EnrollParse,
  MY_DAILY_EXAMPLE,
  type MyDailyParse,
  parseEnroll,
  parseMyDaily,
} from './personal-parse.js';
export { createPersonalRunner, type PersonalRunner, type PersonalRunnerOptions } from './personal-runner.js';
export { createRateGate, type RateGate, type RateGateOptions } from './rate-gate.js';
export { createPacer, type Pacer, type PacerOptions } from './rate-limit.js';
export { createScheduler, type Scheduler, type SchedulerOptions } from './runner.js';
export {
  type DirectSender,
  type DirectTarget,
  isSettled,
  PERMANENT_PREFIX,
  type PersonalComposer,
  type PersonalTickResult,
  type PromptSender,
  type SendOutcome,
  type SendTarget,
  type TickResult,
} from './types.js';
