// The release build in Chromium: the intro renders from the protocol, Start is reachable by
// keyboard and announced as a button, axe finds nothing, and no request leaves 127.0.0.1.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { siteAndBrowser, recordRequests, axeViolations, SCREENSHOTS } from './harness.mjs';

const env = siteAndBrowser();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

async function openIntro(options = {}) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const requests = recordRequests(page);
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered)').waitFor();
  return { context, page, errors, requests };
}

test('the intro renders the protocol texts', async () => {
  const { context, page, errors } = await openIntro();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Is microneedling right for you?');
  const body = await page.locator('main').innerText();
  assert.match(body, /Your answers stay on this device/);
  assert.match(body, /estimate, not medical advice/);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(SCREENSHOTS, 'intro-1280.png'), fullPage: true });
  await context.close();
});

test('Start is reached with Tab and announced as a button', async () => {
  const { context, page } = await openIntro();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'language-select');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    tag: document.activeElement.tagName,
    text: document.activeElement.textContent,
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  assert.deepEqual(focused, { tag: 'BUTTON', text: 'Start', outline: 'solid' });
  const snapshot = await page.locator('main').ariaSnapshot();
  assert.match(snapshot, /- button "Start"/);
  assert.match(snapshot, /- heading "Is microneedling right for you\?" \[level=1\]/);
  await context.close();
});

test('axe finds no WCAG 2.2 AA violations, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await openIntro({ colorScheme });
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    await page.screenshot({ path: join(SCREENSHOTS, `intro-${colorScheme}.png`), fullPage: true });
    await context.close();
  }
});

test('no request leaves 127.0.0.1', async () => {
  const { context, page, requests } = await openIntro();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForLoadState('networkidle');
  assert.ok(requests.length >= 3, `saw ${requests.length} requests`);
  const foreign = requests.filter((url) => !url.startsWith(`${env.site.origin}/`) && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
  await context.close();
});

test('no horizontal scrolling at 320 px', async () => {
  const { context, page } = await openIntro({ viewport: { width: 320, height: 640 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
  await page.screenshot({ path: join(SCREENSHOTS, 'intro-320.png'), fullPage: true });
  await context.close();
});
