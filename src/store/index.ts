/**
 * The progress store: small repositories of plain data over the Sql port: one SQLite file
 * (`openDatabase`), or PostgreSQL. Each query is written once, in the SQL both dialects share.
 */
import { type CheckCardRepository, checkCardRepository } from './check-cards.js';
import type { Clock } from './clock.js';
import { type ConversationRepository, conversationRepository } from './conversations.js';
import type { Db } from './database.js';
import { type DeliveryRepository, deliveryRepository } from './deliveries.js';
import { type DownloadLinkRepository, downloadLinkRepository } from './download-links.js';
import { type EnrolmentRepository, enrolmentRepository } from './enrolments.js';
import { type ExplainCounterRepository, explainCounterRepository } from './explain-counters.js';
import {
  type ExplanationRepository,
  explanationRepository,
  type SpendRepository,
  spendRepository,
} from './explanations.js';
import { type InstallationRepository, installationRepository } from './installations.js';
import { type MemberRepository, memberRepository } from './members.js';
import { type NudgeRepository, nudgeRepository } from './nudges.js';
import { type PersonalDeliveryRepository, personalDeliveryRepository } from './personal-deliveries.js';
import { type PersonalScheduleRepository, personalScheduleRepository } from './personal-schedules.js';
import { type PickSessionRepository, pickSessionRepository } from './pick-sessions.js';
import { type ProgressRepository, progressRepository } from './progress.js';
import { type RateLimitRepository, rateLimitRepository } from './rate-limits.js';
import { type ReplayRepository, replayRepository } from './replays.js';
import { type ReviewRepository, reviewRepository } from './reviews.js';
import { type ScheduleRepository, scheduleRepository } from './schedules.js';
import { type Sql, sqliteSql, type TransactionOptions } from './sql/index.js';
import { type WorkspaceRepository, workspaceRepository } from './workspaces.js';

export type { CheckCardRepository, IssuedCard } from './check-cards.js';
export type { Clock } from './clock.js';
export type { ConversationRef, ConversationRepository } from './conversations.js';
export { type Db, DEFAULT_BUSY_TIMEOUT_MS, type OpenOptions, openDatabase } from './database.js';
export type { Delivery, DeliveryFailure, DeliveryRepository, DeliveryStatus } from './deliveries.js';
export type { DownloadLink, DownloadLinkRepository } from './download-links.js';
export type { Enrolment, EnrolmentRepository, UpsertEnrolment } from './enrolments.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export type { DayCounts, ExplainCounterRepository } from './explain-counters.js';
export type {
  CachedExplanation,
  ExplanationRepository,
  NewExplanation,
  Spend,
  SpendRepository,
} from './explanations.js';
export type { InstallationRepository, StoredInstallation } from './installations.js';
export type { EnsureMember, Member, MemberRepository } from './members.js';
export { runMigrations, schemaVersion } from './migrate.js';
export { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
export type { NudgeRepository } from './nudges.js';
export type {
  LessonSent,
  PersonalClaim,
  PersonalDelivery,
  PersonalDeliveryRepository,
  PersonalKey,
  PersonalKind,
} from './personal-deliveries.js';
export type {
  PersonalSchedule,
  PersonalScheduleRepository,
  RunnableSchedule,
  SetPersonalSchedule,
} from './personal-schedules.js';
export type { PickSessionRepository } from './pick-sessions.js';
export type {
  LessonRead,
  NewAttempt,
  ProgressRepository,
  ReadMode,
  StoredAttempt,
} from './progress.js';
export type { RateLimitRepository, Taken } from './rate-limits.js';
export type { ReplayRepository } from './replays.js';
export type { ReviewItem, ReviewRepository, ReviewResult } from './reviews.js';
export { type Schedule, type ScheduleRepository, type UpsertSchedule, WEEKDAYS, type Weekday } from './schedules.js';
export type { MemberStanding, TeamSummary } from './snapshot.js';
export { type Dialect, type Sql, sqliteSql, type TransactionOptions } from './sql/index.js';
export type { EnsureWorkspace, Platform, Workspace, WorkspaceRepository } from './workspaces.js';

export interface Store {
  workspaces: WorkspaceRepository;
  members: MemberRepository;
  progress: ProgressRepository;
  reviews: ReviewRepository;
  schedules: ScheduleRepository;
  deliveries: DeliveryRepository;
  conversations: ConversationRepository;
  installations: InstallationRepository;
  explanations: ExplanationRepository;
  spend: SpendRepository;
  nudges: NudgeRepository;
  checkCards: CheckCardRepository;
  replays: ReplayRepository;
  enrolments: EnrolmentRepository;
  personalSchedules: PersonalScheduleRepository;
  personalDeliveries: PersonalDeliveryRepository;
  /** State every instance must see alike (issue 14): per-member limits, report counters, links, pickers. */
  rateLimits: RateLimitRepository;
  explainCounters: ExplainCounterRepository;
  downloads: DownloadLinkRepository;
  pickSessions: PickSessionRepository;
  /**
   * Runs `fn` in one write transaction (nested calls become savepoints): several writes that must
   * land together, e.g. an attempt, its review items and the active day. Every repository call
   * inside `fn` joins it. On SQLite it takes the write lock up front (BEGIN IMMEDIATE); on
   * PostgreSQL it is SERIALIZABLE and re-run on a conflict, so `fn` must only touch the store.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** The connection underneath, for health probes and closing. */
  readonly sql: Sql;
}

export interface StoreOptions {
  /** Source of "now" for created/updated timestamps (default `Date.now`). */
  now?: Clock;
}

/** A store over `sql`, or over a better-sqlite3 connection (opened with `openDatabase`). */
export function createStore(connection: Db | Sql, options: StoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const db = 'dialect' in connection ? connection : sqliteSql(connection);
  return {
    workspaces: workspaceRepository(db, now),
    members: memberRepository(db, now),
    progress: progressRepository(db),
    reviews: reviewRepository(db),
    schedules: scheduleRepository(db, now),
    deliveries: deliveryRepository(db),
    conversations: conversationRepository(db, now),
    installations: installationRepository(db, now),
    explanations: explanationRepository(db, now),
    spend: spendRepository(db),
    nudges: nudgeRepository(db, now),
    checkCards: checkCardRepository(db, now),
    replays: replayRepository(db, now),
    enrolments: enrolmentRepository(db, now),
    personalSchedules: personalScheduleRepository(db, now),
    personalDeliveries: personalDeliveryRepository(db),
    rateLimits: rateLimitRepository(db),
    explainCounters: explainCounterRepository(db),
    downloads: downloadLinkRepository(db),
    pickSessions: pickSessionRepository(db),
    transaction: (fn, options) => db.transaction(fn, options),
    sql: db,
  };
}
