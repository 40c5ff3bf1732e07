// Hostile or broken surroundings: a browser whose storage throws, configuration text that looks
// like HTML, and a device clock years off. Each ends in a working quiz and a right plan.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  siteAndBrowser, serve, answerQuestions, plainAnswers, assessWithCli, shownDates, DIST,
  startQuiz, setAnswer, pressNext, localToday,
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
    await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
    const answers = plainAnswers();
    await journey(page, answers);
    assert.deepEqual(await shownDates(page), assessWithCli(answers).plan.dates);
    await page.getByRole('button', { name: 'Forget my answers' }).click();
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
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
  await mkdir(join(root, 'protocols'), { recursive: true });
  await writeFile(join(root, 'protocols', 'hostile.json'), JSON.stringify(protocol));
  const site = await serve(root);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.origin}/index.html?protocol=protocols/hostile.json`);
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.equal(await page.locator('#step-heading').textContent(), `Quiz ${hostile}`);
    await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
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
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: '2031-02-28' } });
  await journey(page, answers);
  const expected = assessWithCli(answers, '2031-03-31');
  assert.equal(expected.earliest_start, '2031-08-28');
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  await context.close();
});

test('an impossible typed date, a stop date in the future and a start date in the past each get a message', async () => {
  // en-US: the date field reads month, day, year.
  const { context, page, errors } = await startQuiz(env.browser, env.site.origin, { locale: 'en-US' });
  const error = page.locator('.error');
  const focused = () => page.evaluate(() => document.activeElement.id);
  await answerQuestions(page, plainAnswers(), { stopAt: 'isotretinoin' });
  await setAnswer(page, 'isotretinoin', 'recent');
  await page.locator('#date-isotretinoin').click();
  await page.keyboard.type('02302026');
  await pressNext(page);
  assert.match(await error.innerText(), /This date doesn't exist or isn't complete/);
  assert.equal(await focused(), 'date-isotretinoin');

  await page.locator('#date-isotretinoin').fill(localToday(3));
  await pressNext(page);
  assert.match(await error.innerText(), /This date is in the future/);

  const stopped = localToday(-30);
  await page.locator('#date-isotretinoin').fill(stopped);
  await pressNext(page);
  assert.equal(await error.count(), 0);

  await answerQuestions(page, plainAnswers(), { stopAt: 'start' });
  await setAnswer(page, 'start', { option: 'date', date: localToday(-1) });
  await pressNext(page);
  assert.match(await error.innerText(), /This date has already passed/);
  assert.equal(await focused(), 'date-start');
  const start = localToday(40);
  await page.locator('#date-start').fill(start);
  await pressNext(page);
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  const answers = plainAnswers({
    isotretinoin: { option: 'recent', date: stopped }, start: { option: 'date', date: start },
  });
  assert.deepEqual(await shownDates(page), assessWithCli(answers).plan.dates);
  assert.deepEqual(errors, []);
  await context.close();
});

// A browser extension that wraps part of the page in its own element (as page translators and
// writing aids do) makes the quiz's renderer fail: a real panic, not a simulated one.
const WRAP_ANSWERS = () => {
  const choices = document.querySelector('.choices');
  const wrapper = document.createElement('div');
  choices.replaceWith(wrapper);
  wrapper.append(choices);
};

for (const [lang, message, hiddenText] of [
  ['en', /Sorry, something went wrong and the quiz stopped\. Your answers were not sent anywhere\./, 'Lo sentimos'],
  ['es', /Lo sentimos, algo ha fallado y el cuestionario se ha detenido\./, 'Sorry'],
]) {
  test(`a panic shows a friendly message in the visitor's language (${lang}) with the clinic's contact`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const logged = [];
    page.on('console', (m) => logged.push(m.text()));
    await page.goto(`${env.site.origin}/?lang=${lang}&clinic=Sunrise%20Skin&phone=%2B1%20555%200100`);
    await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
    await page.locator('.screen.question').waitFor();
    await page.evaluate(WRAP_ANSWERS);
    await page.locator('button[type=submit]').click();
    const crashed = page.locator('#crashed');
    await crashed.waitFor();
    const text = await crashed.innerText();
    assert.match(text, message);
    assert.ok(!text.includes(hiddenText), `only the visitor's language is shown: ${text}`);
    assert.match(text, /Sunrise Skin · \+1 555 0100/);
    assert.equal(await page.locator('#app').isVisible(), false, 'the dead quiz is hidden');
    assert.equal(await crashed.getAttribute('role'), 'alert');
    assert.ok(logged.some((line) => line.startsWith('The quiz stopped: panicked at')), logged.join('\n'));
    await context.close();
  });
}

test('a protocol file on a network that never answers gives up after 15 s with a clear message', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route('**/protocols/slow.json', () => { /* never answered */ });
  await page.clock.install();
  const asked = page.waitForRequest(/protocols\/slow\.json/);
  await page.goto(`${env.site.origin}/?protocol=protocols/slow.json`);
  // The start-up script's timers run on the fake clock too: the app starts within 200 ms.
  await page.clock.runFor(250);
  await asked;
  await page.clock.runFor(14_000);
  assert.equal(await page.locator('#fallback').isVisible(), false, 'still waiting at 14 s');
  await page.clock.runFor(1_500);
  await page.locator('#fallback').waitFor();
  const text = await page.locator('#fallback').innerText();
  assert.match(text, /protocols\/slow\.json took too long to load/);
  assert.match(text, /can't start here/);
  assert.match(text, /no puede iniciarse aquí/);
  assert.match(text, /لا يمكن تشغيل هذا الاختبار/);
  await context.close();
});
