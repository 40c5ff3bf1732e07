// Offline use: the installable site keeps working with the network gone after one visit, and the
// single-file kiosk build runs from file:// with no request at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { siteAndBrowser, DIST, answerQuestions, plainAnswers, assessWithCli, shownDates } from './harness.mjs';

const env = siteAndBrowser();

async function completeJourney(page, answers) {
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
}

test('the web app manifest names its icons, which exist', async () => {
  const manifest = await (await fetch(`${env.site.origin}/manifest.webmanifest`)).json();
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => i.sizes).sort();
  assert.deepEqual(sizes, ['192x192', '512x512']);
  for (const icon of manifest.icons) {
    const response = await fetch(`${env.site.origin}/${icon.src}`);
    assert.equal(response.status, 200, icon.src);
  }
});

test('after one visit the quiz works offline, through its service worker', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
  });
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('candidacy-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(precached.some((p) => p.endsWith('_bg.wasm')), 'the wasm is precached');
  await context.setOffline(true);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await page.reload();
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  const loading = requests.splice(0);
  assert.ok(loading.every((url) => url.startsWith(`${env.site.origin}/`)), loading.join('\n'));
  const answers = plainAnswers({ nsaids: 'yes' });
  await completeJourney(page, answers);
  assert.deepEqual(await shownDates(page), assessWithCli(answers).plan.dates);
  assert.ok(requests.length <= 1 && requests.every((url) => /\/protocol-[0-9a-f]+\.json$/.test(url)),
    `offline, only the complete protocol (the rules' sources), from the worker's cache: ${requests.join(', ')}`);
  const why = await page.locator('.screen.result details.why').first().textContent();
  assert.match(why, /Source: \S/, 'the sources are there offline');
  assert.doesNotMatch(await page.locator('.screen.result').textContent(), /could not be loaded/);
  assert.deepEqual(await page.evaluate(() => [Object.keys(sessionStorage), Object.keys(localStorage), document.cookie]),
    [['candidacy-quiz'], [], '']);
  // Another language, offline: the worker kept the complete protocol and the words.
  assert.ok(precached.some((p) => /\/protocol-[0-9a-f]+\.json$/.test(p)) && precached.some((p) => /\/words-[0-9a-f]+\.json$/.test(p)));
  await page.locator('#language-select').selectOption('es');
  await page.locator('html[lang="es"]').waitFor();
  assert.equal(await page.locator('#step-heading').innerText(), 'El microneedling podría ser adecuado para usted');
  await context.close();
});

test('the kiosk file runs from file:// with every byte inside it', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = pathToFileURL(join(DIST, 'kiosk', 'candidacy-quiz.html')).href;
  await page.goto(url);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  const answers = plainAnswers({ pregnancy: 'yes' });
  await completeJourney(page, answers);
  assert.match(await page.locator('#step-heading').innerText(), /Not yet/);
  // Every language is inside too.
  await page.locator('#language-select').selectOption('ar');
  await page.locator('html[lang="ar"][dir="rtl"]').waitFor();
  assert.deepEqual(requests.filter((r) => !r.startsWith('file:') && !r.startsWith('data:')), []);
  assert.deepEqual(requests.filter((r) => r.startsWith('file:')), [url]);
  assert.deepEqual(errors, []);
  await context.close();
});
