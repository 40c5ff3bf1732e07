// The first screen is in the HTML itself (rendered at build time by the app's own components):
// it paints before the WebAssembly arrives, the app takes its place without a change a visitor
// could see, and a Start pressed early is not lost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  siteAndBrowser, startQuiz, answerQuestions, plainAnswers, questionId, DIST,
} from './harness.mjs';

const env = siteAndBrowser();

/**
 * Holds every .wasm response until `release()` is called. `release.asked` resolves once the wasm
 * has been asked for: the start-up script has run by then.
 */
async function holdWasm(page) {
  let release;
  let asked;
  const released = new Promise((done) => { release = done; });
  release.asked = new Promise((done) => { asked = done; });
  await page.route(/\.wasm$/, async (route) => { asked(); await released; await route.continue(); });
  return release;
}

const LAYOUT_SHIFTS = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
};

test('the built page carries the intro, so it paints with no script at all', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.match(html, /<div lang="en" dir="ltr" class="quiz prerendered">/);
  assert.match(html, /<h1 id="step-heading" tabindex="-1">Is microneedling right for you\?<\/h1>/);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const release = await holdWasm(page);
  await page.goto(`${env.site.origin}/`);
  const heading = page.locator('.prerendered #step-heading');
  assert.equal(await heading.isVisible(), true, 'visible while the wasm is still on its way');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint').length), 1);
  release();
  await context.close();
});

for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
  test(`${name}: the app takes the intro's elements over as they are, with no layout shift`, async () => {
    const context = await env.browser.newContext({ viewport });
    await context.addInitScript(LAYOUT_SHIFTS);
    const page = await context.newPage();
    const release = await holdWasm(page);
    await page.goto(`${env.site.origin}/`);
    await page.locator('.prerendered').waitFor();
    const box = (selector) => page.locator(selector).boundingBox();
    // The markers for taking the elements over go once it's done; otherwise, the same markup.
    const markup = (selector) => page.locator(selector).evaluate((e) => e.outerHTML.replace(' prerendered', '').replace(/<!--[\s\S]*?-->/g, ''));
    const before = {
      markup: await markup('.prerendered'),
      heading: await box('#step-heading'),
      start: await box('.screen.intro button'),
      footer: await box('.quiz-footer'),
    };
    await page.locator('#step-heading').evaluate((heading) => { heading.dataset.seen = 'before'; });
    release();
    await page.locator('.quiz:not(.prerendered)').waitFor();
    assert.equal(await page.locator('#step-heading').getAttribute('data-seen'), 'before', 'the same elements, taken over');
    await page.locator('#step-heading').evaluate((heading) => { delete heading.dataset.seen; });
    const after = {
      markup: await markup('.quiz'),
      heading: await box('#step-heading'),
      start: await box('.screen.intro button'),
      footer: await box('.quiz-footer'),
    };
    assert.deepEqual(after, before);
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'cumulative layout shift 0');
    // And it works: Start leads on.
    await page.locator('.screen.intro button').click();
    await page.locator('.screen.question').waitFor();
    await context.close();
  });
}

test('the standing screen acts for the app: a language chosen on it once the app runs switches the quiz and keeps the focus on the select', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await page.locator('#step-heading').evaluate((heading) => { heading.dataset.seen = 'before'; });
  await page.locator('#language-select').focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('#step-heading:text("¿Es el microneedling adecuado para usted?")').waitFor();
  assert.equal(await page.locator('#step-heading').getAttribute('data-seen'), null, "the app's own screen now");
  assert.equal(await page.locator('.quiz').count(), 1, 'one quiz on the page');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'language-select');
  assert.equal(await page.locator('#language-select').inputValue(), 'es');
  await page.locator('.screen.intro button').click();
  await page.locator('.screen.question').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-heading');
  await context.close();
});

test('Start pressed before the app is ready says so, says more if it is slow, and opens the first question when it is', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  const release = await holdWasm(page);
  await page.goto(`${env.site.origin}/`);
  // The start-up script's timers run on the fake clock too: it asks for the wasm within 200 ms.
  await page.clock.runFor(250);
  await release.asked;
  const status = page.locator('.prerendered .starting');
  // What is shown is also said, by the quiz's one status region.
  const said = () => page.locator('.prerendered [role=status]').textContent();
  assert.equal(await status.innerText(), '', 'nothing to say before Start');
  await page.locator('.prerendered .screen.intro button').click();
  assert.equal(await status.innerText(), 'Opening the quiz…');
  assert.equal(await said(), 'Opening the quiz…');
  await page.clock.runFor(9_000);
  assert.equal(await status.innerText(), 'Opening the quiz…');
  await page.clock.runFor(1_500);
  const slow = "This is taking longer than usual. If the quiz doesn't open, check your connection or contact the clinic.";
  assert.equal(await status.innerText(), slow);
  assert.equal(await said(), slow);
  release();
  await page.clock.resume();
  await page.locator('.screen.question').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step-heading');
  assert.equal(await page.locator('#step-heading').innerText(), 'How old are you?');
  assert.equal(await page.locator('.starting').count(), 0, 'the message went with the intro');
  await context.close();
});

// No lost tap: the start-up script is a module, fetched after the page; on a slow link the intro
// is on screen for a while before it runs. A Start pressed in that time is kept (tools/early.js
// runs before the first paint), and so is a language chosen then.
for (const [what, act, heading] of [
  ['Start pressed', (page) => page.locator('.prerendered .screen.intro button').click(), 'How old are you?'],
  ['a language chosen', (page) => page.locator('.prerendered #language-select').selectOption('es'), '¿Es el microneedling adecuado para usted?'],
]) {
  test(`${what} before the start-up script has even run is kept`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    let release;
    const released = new Promise((done) => { release = done; });
    let asked;
    const startAsked = new Promise((done) => { asked = done; });
    await page.route(/\/start-[0-9a-f]+\.js$/, async (route) => { asked(); await released; await route.continue(); });
    await page.goto(`${env.site.origin}/`, { waitUntil: 'commit' });
    await page.locator('.prerendered .screen.intro button').waitFor();
    await startAsked;
    assert.equal(await page.evaluate(() => typeof globalThis.candidacyContentDigest), 'undefined', 'start.js has not run');
    await act(page);
    if (what === 'Start pressed') {
      assert.equal(await page.locator('.prerendered .starting').innerText(), 'Opening the quiz…');
    }
    release();
    await page.locator('.quiz:not(.prerendered)').waitFor();
    assert.equal(await page.locator('#step-heading').innerText(), heading);
    await context.close();
  });
}

// A clinic's own protocol file, with its own title.
async function serveClinicProtocol(page) {
  const protocol = JSON.parse(await readFile('static/protocols/microneedling.json', 'utf8'));
  protocol.title.en = 'Microneedling at Riverside Clinic: is it for you?';
  await page.route('**/protocols/clinic.json', (route) => route.fulfill({ json: protocol }));
}

for (const [name, query, heading] of [
  ['in another language', '?lang=es', '¿Es el microneedling adecuado para usted?'],
  ['with its own protocol file', '?protocol=protocols/clinic.json', 'Microneedling at Riverside Clinic: is it for you?'],
  ['with a brand colour', '?brand=%236b2d5c', 'Is microneedling right for you?'],
]) {
  test(`a widget ${name} never shows the prerendered intro, which would change when the app arrives`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await serveClinicProtocol(page);
    const release = await holdWasm(page);
    await page.goto(`${env.site.origin}/${query}`);
    await page.waitForLoadState('domcontentloaded');
    await release.asked;
    assert.equal(await page.locator('.prerendered').isHidden(), true);
    release();
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.equal(await page.locator('#step-heading').innerText(), heading);
    await context.close();
  });
}

test('a reload with progress to resume never shows the intro before the step it resumes', async () => {
  // The service worker would serve the reload's wasm out of reach of the test's hold.
  const { context, page } = await startQuiz(env.browser, env.site.origin, { serviceWorkers: 'block' });
  await answerQuestions(page, plainAnswers(), { stopAt: 'healing' });
  const release = await holdWasm(page);
  await page.reload();
  await release.asked;
  assert.equal(await page.locator('.prerendered').isHidden(), true);
  release();
  await page.locator('.screen.question').waitFor();
  assert.equal(await questionId(page), 'healing');
  await context.close();
});

test('a language chosen before the app is ready is the one it opens in', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const release = await holdWasm(page);
  await page.goto(`${env.site.origin}/`);
  await release.asked;
  await page.locator('.prerendered #language-select').selectOption('es');
  release();
  await page.locator('.quiz:not(.prerendered)').waitFor();
  assert.equal(await page.locator('#step-heading').innerText(), '¿Es el microneedling adecuado para usted?');
  assert.equal(await page.locator('#language-select').inputValue(), 'es');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await context.close();
});

test("a theme in the default protocol reaches the prerendered screen through a stylesheet of its own", async () => {
  // What the build's post-build hook runs (tools/postbuild.mjs), on a themed copy of the protocol.
  const dir = await mkdtemp(join(tmpdir(), 'prerender-'));
  const protocol = JSON.parse(await readFile('static/protocols/microneedling.json', 'utf8'));
  // Each run writes its outputs (theme.css among them) into a directory of its own.
  const prerender = (file, outDir) => {
    mkdirSync(outDir);
    return execFileSync('cargo', [
      'run', '--quiet', '--features', 'ssr', '--bin', 'prerender', '--', file, 'en', outDir,
    ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  };
  const plainFile = join(dir, 'plain.json');
  await writeFile(plainFile, JSON.stringify(protocol));
  const plain = prerender(plainFile, join(dir, 'plain'));
  assert.equal(existsSync(join(dir, 'plain', 'theme.css')), false, 'no theme, no stylesheet');

  protocol.theme = { brand: '#6b2d5c', font: 'Georgia, serif', radius: '2px' };
  const themedFile = join(dir, 'themed.json');
  await writeFile(themedFile, JSON.stringify(protocol));
  assert.equal(prerender(themedFile, join(dir, 'themed')), plain, 'the same markup');
  assert.equal(await readFile(join(dir, 'themed', 'theme.css'), 'utf8'), [
    '.quiz.prerendered {',
    '  --clinic-brand: #6b2d5c;',
    '  --clinic-brand-strong: #56244a;',
    '  --font: Georgia, serif;',
    '  --radius: 2px;',
    '}',
    '',
  ].join('\n'));
});
