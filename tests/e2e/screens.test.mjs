// Every screen, in English, Spanish and Arabic, light and dark: axe finds no WCAG 2.2 AA
// violation, nothing scrolls sideways at 320 px (nor at 200% zoom of a 640 px window), and
// Arabic is laid out right to left. Screenshots land in target/screenshots for a person to look at.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  siteAndBrowser, axeViolations, SCREENSHOTS, answerQuestions, plainAnswers, setAnswer, pressNext,
  localToday, screenKind,
} from './harness.mjs';

const env = siteAndBrowser();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

const SHOTS = new Set(['en-light', 'ar-light', 'es-dark']);

/** Checks the screen on show and returns what it found wrong. */
async function checkScreen(page, label, { lang, scheme }) {
  const problems = [];
  const violations = await axeViolations(page);
  if (violations.length) problems.push(`${label}: axe: ${violations.join('; ')}`);
  const direction = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
  const expected = [lang, lang === 'ar' ? 'rtl' : 'ltr'];
  if (direction.join() !== expected.join()) problems.push(`${label}: lang/dir ${direction} not ${expected}`);
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 800 });
    if (width === 640) await page.evaluate(() => { document.documentElement.style.zoom = '2'; });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${label}: ${overflow}px of sideways scrolling at ${width}px${width === 640 ? ' and 200%' : ''}`);
    await page.evaluate(() => { document.documentElement.style.zoom = ''; });
  }
  const key = `${lang}-${scheme}`;
  for (const width of [360, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    if (SHOTS.has(key) && (width !== 768 || key === 'en-light')) {
      await page.screenshot({ path: join(SCREENSHOTS, `${label}-${key}-${width}.png`), fullPage: true });
    }
  }
  return problems;
}

async function walk(lang, scheme) {
  const context = await env.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const options = { lang, scheme };
  const problems = [];
  const check = async (label) => problems.push(...(await checkScreen(page, label, options)));

  await page.goto(`${env.site.origin}/?lang=${lang}`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await check('intro');
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await page.locator('.screen.question').waitFor();
  await check('question');
  await pressNext(page);
  await check('question-problem');
  await answerQuestions(page, plainAnswers(), { stopAt: 'isotretinoin' });
  await setAnswer(page, 'isotretinoin', 'recent');
  await pressNext(page);
  await check('question-date-problem');
  await setAnswer(page, 'isotretinoin', { option: 'recent', date: localToday(-40) });
  await answerQuestions(page, plainAnswers(), { stopAt: 'allergies' });
  await setAnswer(page, 'allergies', ['metal', 'none']);
  await pressNext(page);
  await check('question-multi-problem');
  assert.equal(await answerQuestions(page, plainAnswers({ topicals: ['retinoids'], cold_sores: 'yes' })), 'review');
  await check('review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  await check('result-consult');

  // A wait without a date, and the early result for a hard contraindication.
  await page.locator('.quiz-footer button').click();
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(page, plainAnswers({ pregnancy: 'yes' })), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  await check('result-not-yet');
  await page.locator('.quiz-footer button').click();
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(page, plainAnswers({ bleeding: 'yes' })), 'early');
  await check('early');
  await page.locator('.screen.early button.primary').click();
  await page.locator('.screen.result').waitFor();
  assert.equal(await screenKind(page), 'result');
  await check('result-not-suitable');
  await context.close();
  return { problems, errors };
}

for (const lang of ['en', 'es', 'ar']) {
  for (const scheme of ['light', 'dark']) {
    test(`every screen in ${lang}, ${scheme}: axe clean, no sideways scrolling, right direction`, async () => {
      const { problems, errors } = await walk(lang, scheme);
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
    });
  }
}
