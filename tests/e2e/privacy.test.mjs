// Nothing a visitor answers leaves the device: once the quiz has loaded (and its service worker
// has stored the site's own files), a whole journey, the calendar download included, makes one
// request, the same for every visitor: after the first question, the complete protocol file
// from the quiz's own site (the rules' sources, which the page's copy leaves out); its address
// depends on nothing answered. No cookie is
// set and the only storage written is the documented key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siteAndBrowser, serve, answerQuestions, plainAnswers } from './harness.mjs';

const env = siteAndBrowser();

const ANSWERS = plainAnswers({ isotretinoin: 'current', topicals: ['acids'], cold_sores: 'yes' });

/** Waits until the page's service worker controls it and has precached the site. */
const settled = (target) => target.evaluate(async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
  }
});

/** What the page keeps: storage keys, cookies, caches and databases. */
const kept = (target) => target.evaluate(async () => {
  // A browser that blocks storage in third-party frames denies it to the widget outright.
  const attempt = async (read) => { try { return await read(); } catch { return 'denied'; } };
  return {
    session: await attempt(() => Object.keys(sessionStorage)),
    local: await attempt(() => Object.keys(localStorage)),
    cookie: document.cookie,
    caches: await attempt(async () => (await caches.keys()).map((name) => name.replace(/-[0-9a-f]+$/, '-…'))),
    databases: await attempt(async () => (await indexedDB.databases()).length),
  };
});

/** The page's complete protocol file, as the quiz asks for it. */
const completeFile = (target) => target.evaluate(() => new URL(document.getElementById('protocol-data').dataset.complete, location.href).href);

/** The one request a journey makes: the complete protocol, after the first question, whatever the answers. */
async function onlyTheCompleteProtocol(target, requests) {
  assert.deepEqual(requests.filter((url) => !url.startsWith('blob:')), [await completeFile(target)],
    'nothing requested while answering but the complete protocol');
}

async function journeyIn(target, requests) {
  await target.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await target.locator('.screen.question').waitFor();
  await target.waitForTimeout(300);
  assert.deepEqual(requests, [], 'nothing on the first question');
  assert.equal(await answerQuestions(target, ANSWERS), 'review');
  await target.locator('.screen.review button.primary').click();
  await target.locator('.screen.result').waitFor();
}

test('standalone: a whole journey asks only for the complete protocol, and keeps only the documented storage', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await settled(page);
  const loading = requests.splice(0);
  assert.ok(loading.every((url) => url.startsWith(`${env.site.origin}/`)), loading.join('\n'));

  await journeyIn(page, requests);
  await page.getByRole('button', { name: 'Forget my answers' }).waitFor();
  await onlyTheCompleteProtocol(page, requests);
  assert.deepEqual(await kept(page), {
    session: ['candidacy-quiz'], local: [], cookie: '', caches: ['candidacy-…'], databases: 0,
  });
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test('widget: the quiz frame asks only for the complete protocol during a whole journey', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  // A bare host page on another origin (localhost), holding just the widget.
  const dir = await mkdtemp(join(tmpdir(), 'candidacy-host-'));
  await writeFile(join(dir, 'host.html'), `<!DOCTYPE html><html lang="en"><title>Host</title>
    <div id="quiz" data-candidacy-quiz></div><script src="${env.site.origin}/embed.js"></script>`);
  const hostSite = await serve(dir);
  await page.goto(`${hostSite.origin.replace('127.0.0.1', 'localhost')}/host.html`);
  const frame = await (await page.waitForSelector('#quiz iframe')).contentFrame();
  await frame.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await page.waitForLoadState('networkidle');
  const loading = requests.splice(0);
  assert.ok(loading.every((url) => url.startsWith(env.site.origin) || url.includes('/host.html')), loading.join('\n'));
  await journeyIn(frame, requests);
  await onlyTheCompleteProtocol(frame, requests);
  const { session, local, cookie } = await kept(frame);
  assert.ok(session === 'denied' || (session.length === 1 && session[0] === 'candidacy-quiz'), String(session));
  assert.ok(local === 'denied' || local.length === 0);
  assert.equal(cookie, '');
  assert.deepEqual(await context.cookies(), []);
  await context.close();
  await hostSite.close();
});
