// Hostile or broken surroundings: a browser whose storage throws, configuration text that looks
// like HTML, and a device clock years off. Each ends in a working quiz and a right plan.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  siteAndBrowser, serve, answerQuestions, plainAnswers, assessWithCli, shownDates, DIST,
} from './harness.mjs';

const env = siteAndBrowser();

async function journey(page, answers) {
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
}

for (const [name, breakStorage] of [
  ['disabled (reading sessionStorage throws)', () => {
    Object.defineProperty(window, 'sessionStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  }],
  ['full (every write throws)', () => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  }],
]) {
  test(`storage ${name}: the quiz still works`, async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(breakStorage);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.site.origin}/`);
    await page.locator('.screen.intro button').click();
    const answers = plainAnswers();
    await journey(page, answers);
    assert.deepEqual(await shownDates(page), assessWithCli(answers).plan.dates);
    await page.getByRole('button', { name: 'Forget my answers' }).click();
    await page.locator('.screen.intro').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('text from a clinic protocol is shown as text, never run as HTML', async () => {
  const root = await mkdtemp(join(tmpdir(), 'candidacy-hostile-'));
  await cp(DIST, root, { recursive: true });
  const protocol = JSON.parse(await readFile(resolve('tests/fixtures/minimal.json'), 'utf8'));
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  protocol.title = { en: `Quiz ${hostile}`, es: `Cuestionario ${hostile}` };
  protocol.questions[0].options[0].label.en = `Under 18 ${hostile}`;
  protocol.clinic.name = `Clinic ${hostile}`;
  await mkdir(join(root, 'protocols'));
  await writeFile(join(root, 'protocols', 'hostile.json'), JSON.stringify(protocol));
  const site = await serve(root);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.origin}/index.html?protocol=protocols/hostile.json`);
    await page.locator('.screen.intro').waitFor();
    assert.equal(await page.locator('#step-heading').textContent(), `Quiz ${hostile}`);
    await page.locator('.screen.intro button').click();
    assert.equal(await page.locator('label[for=opt-age-under_18]').textContent(), `Under 18 ${hostile}`);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('#app script').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  } finally {
    await context.close();
    await site.close();
  }
});

test('a device clock years off still gives a consistent plan from that day, never a past date', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2031-03-31T10:00:00'));
  await page.goto(`${env.site.origin}/`);
  await page.locator('.screen.intro button').click();
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: '2031-02-28' } });
  await journey(page, answers);
  const expected = assessWithCli(answers, '2031-03-31');
  assert.equal(expected.earliest_start, '2031-08-28');
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  await context.close();
});
