// The quiz under its own strict Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'),
// and what a visitor sees when the WebAssembly cannot run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, siteAndBrowser, startQuiz, answerQuestions, plainAnswers,
} from './harness.mjs';

const env = siteAndBrowser();

/** Collects Content-Security-Policy violations from the first script on. */
const WATCH_VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
  });
};

test('the page ships a strict policy and a whole journey causes no violation', async () => {
  const response = await fetch(`${env.site.origin}/`);
  const html = await response.text();
  const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes("'unsafe-eval'"), policy);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal((html.match(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g) ?? []).length, 0, 'no inline script');
  // The page's protocol is a data block, which no text in it can close.
  const data = /<script type="application\/json" id="protocol-data"[^>]*>([^<]*)<\/script>/.exec(html);
  assert.ok(data, 'the protocol travels in the page');
  JSON.parse(data[1]);
  assert.ok(!/\sstyle="/.test(html), 'no style attribute');

  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.addInitScript(WATCH_VIOLATIONS);
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(page, plainAnswers({ cold_sores: 'yes' })), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add to calendar' }).click()]);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

test('without WebAssembly, a readable message appears instead of a blank page', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => { delete window.WebAssembly; });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('#fallback').waitFor();
  assert.match(await page.locator('#fallback').innerText(), /can't start here/);
  assert.match(await page.locator('#fallback').innerText(), /no puede iniciarse aquí/);
  await context.close();
});

test('when the wasm fails to load, the same message appears', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${env.site.origin}/`);
  await page.locator('#fallback').waitFor();
  assert.equal(await page.locator('.screen').isVisible(), false, 'no Start button that cannot start');
  await context.close();
});

test('with JavaScript off, the no-script message is shown', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  assert.match(await page.locator('body').innerText(), /needs JavaScript/);
  assert.equal(await page.locator('#step-heading').isVisible(), false, 'no Start button that cannot start');
  await context.close();
});

test('the built site works unchanged from a sub-path', async () => {
  const nested = await serve(undefined, '/a/b/c/');
  try {
    const { context, page, errors } = await startQuiz(env.browser, nested.origin, {}, '/a/b/c/');
    assert.equal(await answerQuestions(page, plainAnswers()), 'review');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await nested.close();
  }
});
