// The result on the visitor's own phone (issue 16): a QR code, made when asked for, of a link
// whose fragment carries the answers. Read back by an independent decoder, opened in a fresh
// browser (another phone), it shows the same result; a damaged, old or foreign link starts the
// quiz afresh with a message; nothing is ever sent with the answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  axeViolations, DIST, plainAnswers, reachResult, readQrCode, recordRequests, shownDates,
  siteAndBrowser,
} from './harness.mjs';

const env = siteAndBrowser();
const ANSWERS = plainAnswers({ topicals: ['retinoids'] });

/** A journey to the result at `address`, in a fresh context. */
const result = (address, options = {}) => reachResult(env.browser, address, ANSWERS, options, '');

/** Shows the code and reads it. */
async function showCode(page) {
  const button = page.getByRole('button', { name: 'Open on my phone' });
  await button.click();
  const code = page.getByRole('img', { name: 'QR code that opens this result on your phone' });
  await code.waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  return readQrCode(code);
}

/** What a result says: its heading, earliest start and session dates. */
async function said(page) {
  return {
    heading: await page.locator('#step-heading').innerText(),
    earliest: await page.locator('.earliest').innerText(),
    dates: await shownDates(page),
  };
}

test('the code opens the same result on another device, and nothing is sent with the answers', async () => {
  const here = await result(`${env.site.origin}/`, { viewport: { width: 320, height: 740 } });
  const before = here.requests.length;
  const link = await showCode(here.page);
  assert.match(link, new RegExp(`^${env.site.origin}/#r=1\\.en\\.microneedling-default\\.`));
  assert.ok(link.length < 200, `${link.length} characters: ${link}`);
  // The encoder came when asked for, and nothing else.
  assert.deepEqual(here.requests.slice(before).map((url) => new URL(url).pathname), [
    `/${(await readFile(join(DIST, 'index.html'), 'utf8')).match(/data-qr="\.\/([^"]+)"/)[1]}`,
  ]);
  assert.equal(await here.page.evaluate(() => document.documentElement.scrollWidth <= 320), true, 'no scrolling sideways at 320 px');
  assert.deepEqual(await axeViolations(here.page), []);
  const expected = await said(here.page);
  assert.deepEqual(here.errors, []);

  // Another phone: a fresh browser context, nothing kept.
  const phone = await env.browser.newContext();
  const page = await phone.newPage();
  const requests = recordRequests(page);
  await page.goto(link);
  await page.locator('.screen.result').waitFor();
  assert.deepEqual(await said(page), expected);
  assert.equal(new URL(page.url()).hash, '', 'the answers leave the address bar');
  assert.equal(await page.locator('.quiz .prerendered').count(), 0);
  for (const url of [...requests, ...here.requests]) {
    assert.ok(!url.includes('r=1.') && new URL(url).origin === env.site.origin, url);
  }
  // Saved in this tab like any progress: a reload keeps the result.
  await page.reload();
  await page.locator('.screen.result').waitFor();
  await phone.close();

  // In the language it was sent in.
  const spanish = await env.browser.newContext();
  const es = await spanish.newPage();
  await es.goto(link.replace('#r=1.en.', '#r=1.es.'));
  await es.locator('.screen.result').waitFor();
  assert.equal(await es.locator('html').getAttribute('lang'), 'es');
  assert.deepEqual(await shownDates(es), expected.dates);
  await spanish.close();
  await here.context.close();
});

test('a damaged, old or foreign link starts afresh and says why', async () => {
  const here = await result(`${env.site.origin}/`);
  const link = await showCode(here.page);
  await here.context.close();
  const fragment = link.slice(link.indexOf('#'));
  for (const [what, wrong] of [
    ['damaged', fragment.replace(/\.[^.]*$/, '.zz')],
    ['old', fragment.replace('#r=1.', '#r=0.')],
    ['another protocol', fragment.replace('microneedling-default', 'another-clinic')],
    ['another revision', fragment.replace(/microneedling-default\.[^.]+\./, 'microneedling-default.2020-01-01.')],
  ]) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.site.origin}/${wrong}`);
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.match(await page.locator('.notice').innerText(), /The link couldn't open those answers/, what);
    assert.equal(new URL(page.url()).hash, '', what);
    await context.close();
  }
});

test('the kiosk file offers the code only when the protocol names the published quiz', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-'));
  const plain = join(dir, 'plain.html');
  await copyFile(join(DIST, 'kiosk', 'candidacy-quiz.html'), plain);
  const without = await result(pathToFileURL(plain).href);
  await without.page.getByRole('button', { name: 'Copy the summary' }).waitFor();
  assert.equal(await without.page.getByRole('button', { name: 'Open on my phone' }).count(), 0);
  await without.context.close();

  // The protocol in the file, given the clinic's published address.
  const kiosk = await readFile(plain, 'utf8');
  const published = 'https://clinic.example/quiz/';
  const withUrl = kiosk.replace(
    /(<script type="application\/json" id="protocol-data"[^>]*>)([\s\S]*?)(<\/script>)/,
    (_, open, json, close) => {
      const protocol = JSON.parse(json);
      protocol.clinic = { name: 'Sunrise Skin Clinic', quiz_url: published };
      return `${open}${JSON.stringify(protocol).replace(/</g, '\\u003c')}${close}`;
    },
  );
  assert.notEqual(withUrl, kiosk);
  const file = join(dir, 'published.html');
  await writeFile(file, withUrl);
  const { context, page, requests, errors } = await result(pathToFileURL(file).href);
  const link = await showCode(page);
  assert.ok(link.startsWith(`${published}#r=1.en.microneedling-default.`), link);
  assert.deepEqual(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});
