/**
 * The terminal tutor: a third front end over the same core and store, for trying the product with
 * no chat workspace and for scripting. `run` returns the exit code instead of exiting, so tests can
 * drive it in-process.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { replyTo } from '../app/chat/router.js';
import { teamReportCard, teamReportCsv } from '../app/reports.js';
import { type MemberRef, Tutor } from '../app/tutor.js';
import { ContentError, loadCatalog } from '../content/load.js';
import { defaultContentDir } from '../content/paths.js';
import type { Intent } from '../core/commands/parse.js';
import type { Catalog } from '../core/content/catalog.js';
import { StoreError } from '../store/errors.js';
import { createStore } from '../store/index.js';
import { openSql } from '../store/open.js';
import { Actions } from '../views/actions.js';
import type { Card } from '../views/card.js';
import { cardToText, withoutButtons } from '../views/text.js';
import { answerHint, parseAnswer } from './answers.js';
import { terminalConversation } from './conversation.js';
import { costCommand } from './cost.js';
import { terminalDeps } from './deps.js';
import type { Io } from './io.js';
import { findWorkspace, LOCAL_WORKSPACE, resolveMember } from './workspace.js';

export const USAGE = `usage: tutor <command> [options]
  lesson [3.4] [--full]        read your next lesson, or lesson 3.4
  quiz [n] [--answer A]        take your next concept check, or check number n
  review                       a check on a concept due for review
  progress                     your lessons, checks and streak
  report [--csv]               the team report of the workspace (see --workspace)
  cost "SCENARIO" [--json]     e.g. tutor cost "1M queries/day at $0.01"
  content check                validate the course content
  db copy                      copy the SQLite file (--db) into PostgreSQL ($DATABASE_URL); safe to re-run
options: --user NAME (default: your OS user) · --db PATH: a SQLite file (default: PostgreSQL if $DATABASE_URL
           is set, else $DATABASE_PATH or ./data/tutor.db)
         --content DIR · --tz Europe/Berlin
         --workspace ID: a Slack or Teams team in the same database (slack:T…, teams:<tenant>), whose
           members --user then names by id or display name; default: the terminal's own (cli:local)`;

class UsageError extends Error {}

const OPTIONS = {
  full: { type: 'boolean' },
  csv: { type: 'boolean' },
  json: { type: 'boolean' },
  answer: { type: 'string' },
  user: { type: 'string' },
  db: { type: 'string' },
  content: { type: 'string' },
  tz: { type: 'string' },
  workspace: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || !command) {
    (command || values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  try {
    if (command === 'cost') return costCommand(rest, Boolean(values.json), io);
    const catalog = loadCatalog(values.content ?? defaultContentDir());
    if (command === 'content') {
      if (rest[0] !== 'check') throw new UsageError(`unknown: content ${rest.join(' ')}`);
      say(
        `Content is valid: ${catalog.lessons.length} lessons, ${catalog.checks.length} checks, ${catalog.chapters.reduce((n, c) => n + c.glossary.length, 0)} glossary terms.`,
      );
      return 0;
    }
    if (/^postgres(ql)?:/i.test(values.db ?? ''))
      throw new UsageError('--db names a SQLite file; for PostgreSQL set DATABASE_URL instead.');
    const path = values.db ?? io.env.DATABASE_PATH ?? './data/tutor.db';
    if (command === 'db') {
      if (rest.join(' ') !== 'copy')
        throw new UsageError(`db takes one command: tutor db copy (not "${rest.join(' ')}")`);
      return await dbCopy(path, io);
    }
    // --db names a file: it wins over DATABASE_URL, so a file can always be inspected.
    const sql = await openSql({ DATABASE_PATH: path, DATABASE_URL: values.db ? undefined : io.env.DATABASE_URL });
    try {
      const store = createStore(sql);
      const now = io.now ?? Date.now;
      const tutor = new Tutor({ catalog, store, now, nonce: io.nonce ?? randomUUID });
      const workspaceId = values.workspace ?? LOCAL_WORKSPACE;
      if (command === 'report') {
        const found = await findWorkspace(store, workspaceId);
        if (!found.ok) throw new UsageError(found.message);
        // The terminal's own workspace counts its user in; a chat team's report is read as it is.
        if (workspaceId === LOCAL_WORKSPACE) {
          const who = await resolveMember(store, values, safeUserName());
          if (who.ok) await tutor.member(who.me);
        }
        say(
          values.csv
            ? (await teamReportCsv(store, catalog, workspaceId, now())).trimEnd()
            : cardToText(withoutButtons(await teamReportCard(store, catalog, { workspaceId, now: now() }))),
        );
        return 0;
      }
      const who = await resolveMember(store, values, safeUserName());
      if (!who.ok) throw new UsageError(who.message);
      const { me } = who;
      // Commands that are one card go through the chat router, as in Slack and Teams.
      const chat = (intent: Intent) =>
        replyTo(intent, terminalConversation(me), terminalDeps({ tutor, store, catalog, now }, io));
      switch (command) {
        case 'lesson': {
          if (rest.length > 1) throw new UsageError('lesson takes at most one lesson id, e.g. tutor lesson 3.4');
          const mode = values.full ? 'full' : 'essentials';
          const reply = await chat(rest[0] ? { kind: 'lesson', lessonId: rest[0], mode } : { kind: 'lesson', mode });
          say(cardToText(withoutButtons(reply.card)));
          const next = reply.refused ? undefined : nextSteps(reply.card, catalog);
          if (next) say(`\n${next}`);
          return reply.refused ? 2 : 0;
        }
        case 'quiz':
        case 'review':
          // The typed answer needs the check and the order this card shows: the terminal's own flow.
          return await quiz(tutor, me, command, rest, values.answer, io);
        case 'progress':
          say(cardToText(withoutButtons((await chat({ kind: 'progress' })).card)));
          return 0;
        default:
          throw new UsageError(`unknown command "${command}"`);
      }
    } finally {
      await sql.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ContentError || e instanceof StoreError) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/**
 * A card's buttons as the commands that do the same here ("Take the check" → `tutor quiz 2`, "Next
 * lesson" → `tutor lesson 3.2`), so the terminal always says what to do next.
 */
export function nextSteps(card: Card, catalog: Catalog): string | undefined {
  const steps: string[] = [];
  for (const b of card.blocks) {
    if (b.kind !== 'actions') continue;
    for (const button of b.buttons) {
      const n =
        button.action === Actions.startCheck ? catalog.checkNumber(button.value.check ?? '')?.number : undefined;
      if (n) steps.push(`${button.label}: tutor quiz ${n}`);
      if (button.action === Actions.openLesson && button.value.lesson) {
        const full = button.value.mode === 'full' ? ' --full' : '';
        steps.push(`${button.label}: tutor lesson ${button.value.lesson}${full}`);
      }
    }
  }
  return steps.length > 0 ? [...new Set(steps)].join('\n') : undefined;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    return 'me';
  }
}

async function quiz(
  tutor: Tutor,
  me: MemberRef,
  command: 'quiz' | 'review',
  rest: readonly string[],
  answer: string | undefined,
  io: Io,
): Promise<number> {
  if (rest.length > 1 || (rest[0] !== undefined && !/^\d+$/.test(rest[0])))
    throw new UsageError(`${command} takes at most a check number, e.g. tutor quiz 3`);
  const shown =
    command === 'review' ? await tutor.review(me) : await tutor.quiz(me, rest[0] ? { number: Number(rest[0]) } : {});
  const { check, nonce, shown: asked } = shown;
  io.stdout.write(`${cardToText(withoutButtons(shown.card))}\n`);
  if (!check || !nonce || !asked) return shown.ok ? 0 : 2;
  // Letters and numbers refer to the order this card shows (the server's, for this nonce); the
  // answer is recorded under the same nonce, so it counts for the card that was printed.
  io.stdout.write(`\n${answerHint(asked)}\n`);
  const rl =
    answer === undefined ? createInterface({ input: io.stdin, output: io.stdout, terminal: false }) : undefined;
  // The line iterator buffers piped input (question() would drop lines that arrive early) and ends with it.
  const lines = rl?.[Symbol.asyncIterator]();
  const nextLine = async () => {
    io.stdout.write('> ');
    const next = await lines?.next();
    return next && !next.done ? String(next.value) : undefined;
  };
  try {
    for (;;) {
      const typed = answer ?? (await nextLine());
      if (typed === undefined) {
        io.stderr.write('No answer given; nothing was recorded.\n');
        return 2;
      }
      const parsed = parseAnswer(asked, typed);
      if (!parsed.ok) {
        io.stderr.write(`${parsed.message}\n`);
        if (answer !== undefined) return 2;
        continue;
      }
      const outcome = await tutor.answer(me, { checkId: check.id, nonce, answer: parsed.answer });
      io.stdout.write(`\n${cardToText(withoutButtons(outcome.card))}\n`);
      const next = nextSteps(outcome.card, tutor.catalog);
      if (next) io.stdout.write(`\n${next}\n`);
      if (outcome.ok || answer !== undefined) return outcome.ok ? 0 : 2;
    }
  } finally {
    rl?.close();
  }
}

/**
 * `tutor report --csv | head`: once the reader has gone, a write fails with EPIPE, which node would
 * throw as an unhandled stream error (a stack trace and exit code 1). Nobody is left to read, so
 * the tutor stops quietly, as Unix tools do; any other output error is still reported.
 */
export function exitQuietlyOnBrokenPipe(
  stream: Writable,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}

/** `tutor db copy`: the SQLite file into the PostgreSQL database DATABASE_URL names. */
async function dbCopy(path: string, io: Io): Promise<number> {
  const url = io.env.DATABASE_URL;
  if (!url) throw new UsageError('db copy writes into PostgreSQL: set DATABASE_URL=postgres://… first.');
  if (!existsSync(path)) throw new UsageError(`There is no SQLite file at ${path}: name it with --db PATH.`);
  const { openDatabase } = await import('../store/database.js');
  const { copySqliteToPostgres } = await import('../store/copy.js');
  const source = openDatabase(path);
  try {
    const target = await openSql({ DATABASE_PATH: path, DATABASE_URL: url });
    try {
      const outcome = await copySqliteToPostgres(source, target, path);
      if (!outcome.ok) {
        io.stderr.write(`${outcome.message}\n`);
        return 2;
      }
      for (const t of outcome.tables) if (t.rows > 0) io.stdout.write(`${t.name}: ${t.rows} rows\n`);
      const rows = outcome.tables.reduce((n, t) => n + t.rows, 0);
      io.stdout.write(
        `Copied ${path} into ${target.where}: ${rows} rows${outcome.again ? ', replacing the last copy' : ''}. ` +
          'Run it again to take what the file gets until you switch; once instances use PostgreSQL, it is the database.\n',
      );
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}
