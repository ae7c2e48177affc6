/**
 * The first chat a newcomer has, end to end: the bot and the Microsoft 365 Agents Playground
 * started as `npm run playground` starts them (scripts/playground/start.ts), the Playground's page
 * in Debian's headless Chromium driven by playwright-core, and every button a newcomer can reach
 * from `help` clicked. Each step waits for text the click must bring into the chat (never a
 * sleep); screenshots of the main cards go to build/screenshots/ for a person to look at.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startBot, startPlayground, waitForBot } from '../../scripts/playground/start.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'build', 'screenshots');
/** Without these Chromium waits on connections the closed network never answers. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long one click may take to show its answer in the chat. */
const STEP_MS = 15_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPage(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Playground exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Playground did not answer on ${url} within 30 seconds`);
}

let dir: string;
let bot: ChildProcess | undefined;
let playground: ChildProcess | undefined;
let browser: BrowserContext | undefined;
let page: Page;
const output: string[] = [];

const t0 = Date.now();
const mark = (what: string) => output.push(`[test] ${what} after ${Date.now() - t0} ms\n`);

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: this test drives Debian's Chromium. Install it with ` +
        '`apt-get install -y --no-install-recommends chromium` (.ci/run does so on a fresh machine).',
    );
  dir = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
  // Only this run's screenshots, so none left over from an older run is mistaken for today's.
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const [botPort, pagePort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: join(dir, 'tutor.db'),
    LOG_LEVEL: 'warn',
    // Offline explanations from the glossary: the test must not depend on OpenAI.
    OPENAI_API_KEY: '',
  };
  // Nor on Slack (an empty Slack variable is a configuration error, so they go).
  for (const name of Object.keys(env)) if (name.startsWith('SLACK_')) delete env[name];
  const keep = (name: string) => (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`);
  bot = startBot({ port: botPort, env, stdio: ['ignore', 'pipe', 'pipe'] });
  bot.stdout?.on('data', keep('bot'));
  bot.stderr?.on('data', keep('bot'));
  mark('bot started');
  await waitForBot(bot, botPort).catch((error: Error) => {
    throw new Error(`${error.message}\n${output.join('')}`);
  });
  playground = startPlayground({
    botPort,
    port: pagePort,
    logFile: join(dir, 'playground.log'),
    noBrowser: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  playground.stdout?.on('data', keep('playground'));
  playground.stderr?.on('data', keep('playground'));
  mark('bot up');
  const url = `http://localhost:${pagePort}/`;
  await waitForPage(url, playground);
  mark('playground up');
  browser = await chromium.launchPersistentContext(join(dir, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 1000 },
  });
  // The page asks the internet for fonts and telemetry: refused at once, not left to hang.
  await browser.route(
    (u) => u.hostname !== 'localhost' && u.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(STEP_MS);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  // The Playground installs the bot in the personal chat on load: its welcome card comes first.
  mark('page loaded');
  await page.getByText('Hi, I am your tutor').first().waitFor({ timeout: 30_000 });
  mark('welcome shown');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const child of [playground, bot]) if (child && child.exitCode === null) child.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** How often the cards in the chat show `text` (or how many cards there are): a typed message never counts. */
const count = (text?: string | RegExp): Promise<number> =>
  text === undefined ? cards().count() : cards().getByText(text).count();

/**
 * Does `act`, then waits until `shows` appears once more in the chat than before: the click or
 * message brought it, whether as a new card or as the clicked card updated in place.
 */
async function step(what: string, act: () => Promise<void>, shows?: string | RegExp, shot?: string): Promise<void> {
  const before = await count(shows);
  await act();
  try {
    await expect.poll(() => count(shows), { timeout: STEP_MS, interval: 100 }).toBeGreaterThan(before);
  } catch (error) {
    await page.screenshot({ path: join(SHOTS, `failed-${what.replace(/\W+/g, '-')}.png`) });
    throw new Error(`${what}: the chat did not show ${String(shows)}\n${output.join('').slice(-4000)}`, {
      cause: error,
    });
  }
  if (shot) {
    const target = shows === undefined ? cards().last() : cards().getByText(shows).last();
    // A card updated in place (an answer replacing "Explaining…") may be re-rendered meanwhile: retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await target.scrollIntoViewIfNeeded({ timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
    await page.screenshot({ path: join(SHOTS, `${shot}.png`) });
  }
}

async function say(text: string): Promise<void> {
  const box = page.getByRole('textbox').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** The cards in the chat (the Playground renders them with the Adaptive Cards library). */
const cards = (): Locator => page.locator('.ac-adaptiveCard');

/** The newest card showing this text. */
const card = (text: string | RegExp): Locator => cards().filter({ hasText: text }).last();

/** The newest button with this name on a card. */
const button = (name: string | RegExp): Locator => cards().getByRole('button', { name }).last();

const click = (name: string | RegExp) => () => button(name).click();

describe('the first chat in the Agents Playground, in headless Chromium', () => {
  it('every button a newcomer reaches from help changes what the chat shows', async () => {
    await step('help', () => say('help'), 'AI Foundations for PMs, in bite-sized lessons', '01-help');
    await step('lesson', () => say('lesson'), /· essentials$/, '02-lesson');
    await step('Read full', click('Read full'), /· full$/, '03-lesson-full');

    // The report before today's check, so Alex (the only member, a manager) can be nudged.
    await step('report', () => say('report'), 'Team report', '04-report');
    // A link, not a message: the Playground opens it in a new tab, which downloads the CSV.
    const opened = browser?.waitForEvent('page');
    const served = browser?.waitForEvent(
      'response',
      (r) => r.headers()['content-type']?.startsWith('text/csv') ?? false,
    );
    await cards().getByText('Download CSV', { exact: true }).last().click();
    const csv = await served;
    expect(csv?.status()).toBe(200);
    expect(csv?.headers()['content-disposition']).toMatch(/^attachment; filename="team-report-[\d-]+\.csv"$/);
    await (await opened)?.close();
    await step('Nudge', click(/^Nudge \d/), 'Nudges sent', '05-nudge');
    // Alex had not done today's check, so the nudge reached this very chat too.
    await cards().getByText("Today's concept check is waiting").last().waitFor();

    await step('Explain a sentence', click('Explain a sentence'), 'Which sentence should I explain?', '06-picker');
    await step('a sentence', click('All of it'), 'In plain English', '07-explanation');
    // §3.1's own check is check 2 (a choice): answer it, ask Why?, then the next check and the sort quiz.
    await step('Take the check', click('Take the check'), /^Concept check · 2 of 9$/, '08-check');
    const answers = card(/Concept check · 2 of 9/).getByRole('button');
    expect(await answers.count()).toBeGreaterThan(1);
    await step('an answer', () => answers.first().click(), /^Concept check 2 of 9 · /, '09-result');
    await step('Why?', click('Why?'), 'In plain English', '10-why');
    // The next check follows the lessons: §3.2's own (3 of 9). The sort quiz spans §3.1–§3.5: asked for by number.
    await step('Next check', click('Next check'), /^Concept check · 3 of 9$/);
    await step('quiz 1', () => say('quiz 1'), /^Concept check · 1 of 9$/, '11-sort-quiz');
    const sort = card(/Concept check · 1 of 9/);
    const submit = () => sort.getByRole('button', { name: 'Submit' }).click();
    // Submitted half done, the card itself says what is missing (the Playground checks required inputs).
    await submit();
    await sort.getByText('Choose one before you submit.').first().waitFor();
    const boxes = sort.getByRole('combobox');
    const items = await boxes.count();
    expect(items).toBe(6);
    for (let i = 0; i < items; i++) {
      const bucket = i % 2 === 0 ? 'Training' : 'Inference';
      await boxes.nth(i).click();
      await page.getByRole('option', { name: new RegExp(`^${bucket}`) }).click();
      // The drop-down shows the bucket chosen (an input's value, or a button's text).
      const shown = () => boxes.nth(i).evaluate((e) => ('value' in e ? String(e.value) : e.textContent));
      await expect.poll(shown).toContain(bucket);
    }
    await step('Submit the sort', submit, /^Concept check 1 of 9 · /, '12-sort-result');
    await step('Why? on the sort result', click('Why?'), 'In plain English');
    await step('Next lesson', click('Next lesson'), /· essentials$/);

    await step('cost', () => say('cost 1M queries/day at $0.01'), undefined, '13-cost');
    const whatIfs = cards().last().getByRole('button');
    const labels = await whatIfs.allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels)
      await step(`what if ${label}`, () =>
        card('1M queries/day at $0.01').getByRole('button', { name: label, exact: true }).click(),
      );
    await page.screenshot({ path: join(SHOTS, '14-what-if.png') });

    await step('progress', () => say('progress'), /^Your progress, /, '15-progress');
    await step('report after the checks', () => say('report'), 'Team report', '16-report');
  }, 110_000);
});
