// Keeping and passing on the result, always started by the visitor (issue 16): copy with the
// clipboard granted and refused, the share sheet where there is one (and a cancelled one), the
// email's text shown before the mail program opens, under 1,500 characters in every language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainAnswers, reachResult, siteAndBrowser } from './harness.mjs';

const env = siteAndBrowser();

/** A journey to the result (`options` for the context, `init` run first in the page). */
const result = (options = {}, path = '/', init) => reachResult(
  env.browser, env.site.origin, plainAnswers({ topicals: ['retinoids'] }), options, path, init,
);

test('copy puts the summary on the clipboard; refused, the summary is shown to copy by hand', async () => {
  const granted = await result();
  await granted.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site.origin });
  await granted.page.getByRole('button', { name: 'Copy the summary' }).click();
  await granted.page.getByText('The summary is copied.').waitFor();
  const copied = await granted.page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Microneedling could be right for you\n/);
  assert.match(copied, /Earliest start: /);
  assert.match(copied, /Session 1: /);
  assert.match(copied, /This is an estimate, not medical advice/);
  assert.deepEqual(granted.errors, []);
  await granted.context.close();

  const refused = await result({}, '/', () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await refused.page.getByRole('button', { name: 'Copy the summary' }).click();
  await refused.page.getByText('Not done. The summary is below').waitFor();
  assert.match(await refused.page.locator('#summary-text').inputValue(), /^Microneedling could be right for you/);
  await refused.context.close();
});

test('share offers the summary to the share sheet where there is one; cancelled, the text is shown', async () => {
  const none = await result();
  assert.equal(await none.page.getByRole('button', { name: 'Share…' }).count(), 0, 'no share sheet, no button');
  await none.context.close();

  const shared = await result({}, '/', () => {
    window.__shared = [];
    navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
  });
  await shared.page.getByRole('button', { name: 'Share…' }).click();
  await shared.page.waitForFunction(() => window.__shared.length === 1);
  const [data] = await shared.page.evaluate(() => window.__shared);
  assert.equal(data.title, 'My microneedling estimate');
  assert.match(data.text, /^Microneedling could be right for you/);
  await shared.context.close();

  const cancelled = await result({}, '/', () => {
    navigator.share = () => Promise.reject(new DOMException('cancelled', 'AbortError'));
  });
  await cancelled.page.getByRole('button', { name: 'Share…' }).click();
  await cancelled.page.getByText('Not done. The summary is below').waitFor();
  await cancelled.page.locator('#summary-text').waitFor();
  await cancelled.context.close();
});

for (const lang of ['en', 'es', 'ar']) {
  test(`email (${lang}): the text is shown first, the mailto body is under 1,500 characters, nothing is requested`, async () => {
    const { context, page, errors, requests } = await result({}, `/?lang=${lang}`);
    await page.locator('.keep .actions button').last().click();
    const text = await page.locator('#summary-text').inputValue();
    const href = await page.locator('.keep a[href^="mailto:"]').getAttribute('href');
    const body = decodeURIComponent(new URL(href).searchParams.get('body') ?? href.split('body=')[1]);
    assert.equal(body, text);
    assert.ok(body.length <= 1500, `${body.length} characters`);
    assert.ok(body.split('\n')[0].length > 0);
    assert.match(body, /\d/, 'dates or numbers in the summary');
    assert.ok(requests.every((url) => url.startsWith(`${env.site.origin}/`)), requests.join('\n'));
    assert.deepEqual(errors, []);
    await context.close();
  });
}
