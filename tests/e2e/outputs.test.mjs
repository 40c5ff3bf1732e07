// What the visitor takes away: the printed summary (Chromium's PDF) and the calendar file,
// both agreeing with `candidacy assess`; and a journey in Spanish and in Arabic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import {
  siteAndBrowser, startQuiz, answerQuestions, plainAnswers, assessWithCli, shownDates, reachResult, SCREENSHOTS,
} from './harness.mjs';

const env = siteAndBrowser();

const ANSWERS = plainAnswers({ topicals: ['retinoids'], concerns: ['acne_scars', 'stretch_marks'], severity: 'severe' });

const result = (contextOptions = {}, path = '/') => reachResult(
  env.browser, env.site.origin, ANSWERS, { acceptDownloads: true, ...contextOptions }, path,
);

test('the printed summary holds the plan dates and no controls, on at most two pages', async () => {
  const { context, page } = await result();
  const expected = assessWithCli(ANSWERS);
  const shown = await page.locator('.schedule time').allInnerTexts();
  assert.equal(shown.length, expected.plan.dates.length);
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-pdf-'));
  const pdf = join(dir, 'plan.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('cp', [pdf, join(SCREENSHOTS, 'result-print.pdf')]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const date of shown) assert.ok(text.includes(date), `${date} is in the PDF`);
  assert.match(text, /estimate, not medical advice/);
  for (const control of ['Print or save as PDF', 'Add to calendar', 'Forget my answers', 'Language']) {
    assert.ok(!text.includes(control), `${control} is not printed`);
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  assert.ok(pages <= 2, `${pages} pages`);
  await context.close();
});

test('the calendar file parses and holds the planned sessions and pre-care reminders', async () => {
  const { context, page } = await result();
  const expected = assessWithCli(ANSWERS);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Add to calendar' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'microneedling-plan.ics');
  const ics = readFileSync(await download.path(), 'utf8');
  assert.ok(ics.includes('\r\n'), 'CRLF line ends');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const starts = events.map((e) => e.startDate.toString());
  const sessions = events.filter((e) => e.summary.startsWith('Microneedling session'));
  assert.deepEqual(sessions.map((e) => e.startDate.toString()), expected.plan.dates);
  assert.ok(sessions.every((e) => e.startDate.isDate), 'all-day events');
  for (const step of expected.plan.pre_care) assert.ok(starts.includes(step.date), `reminder on ${step.date}`);
  assert.equal(new Set(events.map((e) => e.uid)).size, events.length);
  await context.close();
});

test('Spanish: the whole journey, with dates in Spanish', async () => {
  const { context, page } = await result({}, '/?lang=es');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.locator('#step-heading').innerText(), 'El microneedling podría ser adecuado para usted');
  const expected = assessWithCli(ANSWERS);
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  const text = await page.locator('.screen.result').innerText();
  assert.match(text, /6–8 sesiones/);
  assert.match(text, /Cada 4–6 semanas/);
  assert.match(text, /\d+ de [a-z]+ de \d{4}/, 'dates written the Spanish way');
  await context.close();
});

test('Arabic: right to left, translated, and the language can change without losing answers', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin, {}, '/?lang=ar');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
  assert.equal(await page.locator('#step-heading').innerText(), 'كم عمرك؟');
  const direction = await page.locator('progress').evaluate((p) => getComputedStyle(p).direction);
  assert.equal(direction, 'rtl', 'the progress bar fills from the right');
  await answerQuestions(page, ANSWERS, { stopAt: 'bleeding' });
  await page.getByLabel('اللغة').selectOption('en');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  assert.equal(await page.locator('#step-heading').innerText(), 'Do you have a bleeding or clotting disorder, such as haemophilia?');
  await page.getByRole('button', { name: 'Back' }).click();
  assert.ok(await page.locator('#opt-skin_cancer-no').isChecked(), 'answers survive the switch');
  await page.getByLabel('Language').selectOption('ar');
  assert.equal(await answerQuestions(page, ANSWERS), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  assert.equal(await page.locator('#step-heading').innerText(), 'قد يكون الوخز بالإبر الدقيقة مناسبًا لك');
  assert.deepEqual(await shownDates(page), assessWithCli(ANSWERS).plan.dates);
  assert.match(await page.locator('.screen.result').innerText(), /6–8 جلسات/);
  await context.close();
});
