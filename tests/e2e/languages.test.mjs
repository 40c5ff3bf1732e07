// One language per load: the page carries the default protocol's texts and the interface's words
// in its own language (English words are in the wasm); another language's come from the site the
// first time the visitor picks it, and a pick that cannot be loaded says so and changes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteAndBrowser, DIST, answerQuestions, plainAnswers } from './harness.mjs';

const env = siteAndBrowser();

/** The site's requests for the complete protocol and the words, in order. */
function watchLanguageFiles(page) {
  const fetched = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.slice(1);
    if (/^(protocol|words)-[0-9a-f]+\.json$/.test(name)) fetched.push(name.replace(/-[0-9a-f]+/, ''));
  });
  return fetched;
}

test('the page carries one language and no sources; the complete file comes once, after the first answer, another language\'s words when picked, and every answer stays', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const carried = JSON.parse(/<script type="application\/json" id="protocol-data"[^>]*>([^<]*)<\/script>/.exec(html)[1]);
  assert.deepEqual(carried.languages, ['en', 'es', 'ar'], 'every language stays declared');
  assert.deepEqual(Object.keys(carried.title), ['en'], 'the texts of one');
  assert.equal(/id="interface-words"[^>]*>\{\}</.test(html), true, 'English words are in the wasm');
  const outcomes = carried.questions.flatMap((q) => q.options).filter((o) => o.outcome).map((o) => o.outcome);
  assert.ok(outcomes.every((o) => o.source === '' && !o.references && !o.note), 'the rules\' sources are left out of the page');
  assert.ok(outcomes.every((o) => o.evidence), 'their evidence kinds stay');

  const context = await env.browser.newContext();
  const page = await context.newPage();
  const fetched = watchLanguageFiles(page);
  await page.goto(`${env.site.origin}/`);
  await page.waitForTimeout(500);
  assert.deepEqual(fetched, [], 'nothing more before the visitor answers');
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await answerQuestions(page, plainAnswers(), { stopAt: 'bleeding' });
  assert.deepEqual(fetched, ['protocol.json'], 'the complete file, for the rules\' sources, and nothing more for English');
  await page.locator('#language-select').selectOption('es');
  await page.locator('html[lang="es"]').waitFor();
  assert.equal(await page.locator('#step-heading').innerText(), '¿Tiene algún trastorno de la coagulación o de sangrado, como la hemofilia?');
  assert.deepEqual(fetched.sort(), ['protocol.json', 'words.json']);
  await page.locator('.screen.question button.secondary').click();
  assert.equal(await page.locator('.screen.question input[value="no"]').isChecked(), true, 'the answers stayed');
  await page.locator('#language-select').selectOption('ar');
  await page.locator('html[lang="ar"][dir="rtl"]').waitFor();
  await page.locator('#language-select').selectOption('en');
  await page.locator('html[lang="en"]').waitFor();
  assert.equal(fetched.length, 2, 'each file once');
  await context.close();
});

test('a language that cannot be loaded (offline, not kept yet) is refused politely, and nothing changes', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await page.locator('.screen.question').waitFor();
  await context.setOffline(true);
  await page.locator('#language-select').selectOption('es');
  const notice = "That language can't be loaded right now (you may be offline), so the quiz stays in English.";
  await page.locator('.notice', { hasText: notice }).waitFor();
  assert.equal(await page.locator('[role=status]').last().innerText(), notice, 'and it is said');
  assert.equal(await page.locator('#language-select').inputValue(), 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('#step-heading').innerText(), 'How old are you?');
  // Back online, the same choice works.
  await context.setOffline(false);
  await page.locator('#language-select').selectOption('es');
  await page.locator('html[lang="es"]').waitFor();
  await context.close();
});

test('opening in another language (?lang=es) loads it before the first screen', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const fetched = watchLanguageFiles(page);
  await page.goto(`${env.site.origin}/?lang=es`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  assert.equal(await page.locator('#step-heading').innerText(), '¿Es el microneedling adecuado para usted?');
  assert.equal(await page.locator('.screen.intro button.primary, .screen.intro button').first().innerText(), 'Empezar');
  assert.deepEqual(fetched.sort(), ['protocol.json', 'words.json']);
  await context.close();
});
