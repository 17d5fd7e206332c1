// Drives the local trial in the Agents Playground with headless Chromium (Debian's /usr/bin/chromium through
// playwright-core; no browser is downloaded), as the newcomer Alex Rivera would:
//   1. the first expectations question (a card, sent when the seeded pair started) is filled in and sent, and the
//      bot moves on to question 2;
//   2. "cancel" stops the questions, then "help" shows the card of commands and "hi" gets a friendly answer;
//   3. with --story, it also waits for the check-in after the demo meeting, answers "Not working" and "Yes — more time
//      on system design", and finds the alert in the Coordinators channel (about a minute more; the browser test
//      runs it). The partner's card goes to Mia's personal chat, which the Playground (one user) cannot show; the
//      integration tests' channel stand-in records it (RevisionLoopTests).
// Screenshots go to OUT_DIR: NAME.png (the card alone) and NAME-page.png (the whole page).
// With --seed=BOT_ENDPOINT (a trial started with MENTORBOT_SEED=0), it seeds the demo program itself once the page
// shows the personal chat: the Playground shows messages sent before a page connected only to its first tab, and
// on a loaded machine the page could connect after the seeded pair's first question was sent.
// Usage: node tools/trial/browser-check.mjs http://127.0.0.1:56150 OUT_DIR [--story] [--seed=http://127.0.0.1:3978/api/messages]
// Exit code 0 when every check passed; otherwise the last line says what was missing.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));
const { chromium } = require('playwright-core');

const base = (process.argv[2] ?? 'http://127.0.0.1:56150').replace(/\/$/, '');
const outDir = path.resolve(process.argv[3] ?? 'artifacts/screenshots');
const story = process.argv.includes('--story');
const seedEndpoint = process.argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
const here = path.dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
fs.mkdirSync(outDir, { recursive: true });

const started = Date.now();
const log = (text) => console.log(`browser-check [${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);

const profile = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'mentorbot-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 1500 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let page;
let failed = false;
try {
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(base + '/');
  await openChat('Personal Chat');
  if (seedEndpoint) {
    await page.locator('[role=textbox][contenteditable=true]').last().waitFor();
    execFileSync(process.execPath, [path.join(here, 'seed.mjs'), base, seedEndpoint], { stdio: 'inherit', timeout: 60_000 });
    log('seeded the demo program with the personal chat open');
  }

  // 1. the first expectations question, sent by the bot when the pair started (seeded at start-up)
  const first = page.locator('.ac-adaptiveCard', { hasText: /question 1 of \d/ }).last();
  // The first question waits on the pair-start background job; on a loaded 2-core CI machine that took over 45 s once.
  await first.waitFor({ timeout: 120_000 });
  log('the first expectations question is there');
  await shoot('expectations-question', first);
  const answer = first.getByRole('textbox').first();
  await answer.click();
  await page.keyboard.type('Feedback on design reviews, and introductions to the platform team.');
  log(`typed the answer (${(await answer.inputValue()).length} characters in the box)`);
  await first.getByRole('button', { name: 'Next', exact: true }).click();
  const second = page.locator('.ac-adaptiveCard', { hasText: /question 2 of \d/ }).last();
  await second.waitFor();
  log('the answer was taken and the bot moved on to question 2');
  await shoot('expectations-next-question', second);

  // 2. help (while the expectations questions run, "help" explains them instead: stop them first)
  await say('cancel');
  await page.getByText("Okay, I've stopped").last().waitFor();
  await say('help');
  const helpCard = page.locator('.ac-adaptiveCard', { hasText: /What I can do/ }).last();
  await helpCard.waitFor();
  log('"help" shows the card of commands');
  await shoot('help', helpCard);
  await say('hi');
  await page.getByText("I'm MentorBot", { exact: false }).last().waitFor();
  log('"hi" gets a friendly answer');

  if (story) {
    // 3. the check-in after the demo meeting, "Not working", and the alert for the coordinators
    const checkIn = page.locator('.ac-adaptiveCard', { hasText: /Quick check-in(?!s)/ }).last();
    await checkIn.waitFor({ timeout: 240_000 });
    log('the check-in arrived after the meeting');
    await shoot('check-in', checkIn);
    // The structure on the three-step scale; what you need as "Yes — what?" with words; the partner question "No".
    await checkIn.getByText('Not working', { exact: true }).first().click();
    await checkIn.getByText('Yes — what?', { exact: true }).first().click();
    const what = checkIn.getByPlaceholder('If yes, what? A few words').first();
    await what.click();
    await page.keyboard.type('more time on system design');
    await checkIn.getByText('No', { exact: true }).last().click();
    await checkIn.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.ac-adaptiveCard', { hasText: /Thanks for checking in/ }).last().waitFor();
    log('the check-in was answered: "Not working", "Yes — more time on system design", "No"');
    await openChat('Coordinators');
    const alert = page.locator('.ac-adaptiveCard', { hasText: /Alert: / }).last();
    await alert.waitFor({ timeout: 60_000 });
    log('the alert is in the Coordinators channel');
    await shoot('alert', alert);
  }
  log('PASSED');
} catch (error) {
  failed = true;
  if (page) {
    await page.screenshot({ path: path.join(outDir, 'failure-page.png'), fullPage: true }).catch(() => {});
  }
  log(`FAILED: ${error.message.split('\n')[0]} (see ${path.join(outDir, 'failure-page.png')})`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function say(text) {
  const compose = page.locator('[role=textbox][contenteditable=true]').last();
  await compose.click();
  await compose.fill(text);
  await compose.press('Enter');
}

async function openChat(name) {
  await page.getByText(name, { exact: true }).first().click();
}

async function shoot(name, card) {
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(outDir, `${name}.png`) });
  await page.screenshot({ path: path.join(outDir, `${name}-page.png`) });
}
