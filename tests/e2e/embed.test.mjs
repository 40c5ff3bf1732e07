// The widget on clinic pages (examples/), served from another origin than the quiz and under a
// strict host Content-Security-Policy: lazy loading, a whole journey in the frame, auto height,
// the host events and nothing more, forged messages ignored, host styles untouched, the popup
// dialog, and two widgets on one page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, launch, answerQuestions, plainAnswers, assessWithCli, readQrCode, shownDates } from './harness.mjs';

let quiz;
let host;
let browser;
const EXAMPLES = resolve('examples');

/** Serves examples/ on `localhost` (another origin than 127.0.0.1), pointing at the test quiz. */
async function serveHost(quizOrigin) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    try {
      let body = await readFile(join(EXAMPLES, url.pathname.replace(/^\/+/, '')), 'utf8');
      const type = url.pathname.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8';
      body = body.replaceAll('http://127.0.0.1:8080', quizOrigin);
      if (url.searchParams.has('spacer')) body = body.replace('<h2>Is it right for you?</h2>', '<div class="spacer"></div>');
      response.writeHead(200, {
        'content-type': type,
        'content-security-policy': `default-src 'self'; script-src 'self' ${quizOrigin}; frame-src 'self' ${quizOrigin}; style-src 'self'; img-src 'self'`,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://localhost:${server.address().port}`, close: () => new Promise((d) => server.close(d)) };
}

before(async () => {
  quiz = await serve();
  host = await serveHost(quiz.origin);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await quiz?.close();
});

/** Opens a host page, recording requests, CSP violations and the quiz's events. */
async function openHost(path, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    window.__events = [];
    window.__violations = [];
    for (const type of ['candidacy:ready', 'candidacy:step', 'candidacy:complete', 'candidacy:book']) {
      document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id, detail: e.detail }));
    }
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${host.origin}/${path}`);
  return { context, page, requests };
}

async function quizFrame(page, hostId = 'quiz') {
  const handle = await page.waitForSelector(`#${hostId} iframe`);
  const frame = await handle.contentFrame();
  await frame.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  return { frame, handle };
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);

test('the loader is small and fetches nothing else until the widget is near the screen', async () => {
  const loader = await readFile(resolve(process.env.CANDIDACY_DIST ?? 'dist', 'embed.js'));
  const { gzipSync } = await import('node:zlib');
  const gzipped = gzipSync(loader, { level: 9 }).length;
  assert.ok(gzipped <= 3072, `${gzipped} bytes gzip`);

  const { context, page, requests } = await openHost('host-inline.html?spacer');
  await page.waitForLoadState('networkidle');
  const fromQuiz = requests.filter((url) => url.startsWith(quiz.origin));
  assert.deepEqual(fromQuiz, [`${quiz.origin}/embed.js`]);
  await page.locator('#quiz').scrollIntoViewIfNeeded();
  await quizFrame(page);
  assert.ok(requests.some((url) => url.startsWith(`${quiz.origin}/index.html?`)));
  await context.close();
});

for (const width of [360, 1280]) {
  test(`inline at ${width}px: a whole journey, height following the content, events and nothing else`, async () => {
    const { context, page } = await openHost('host-inline.html', { width, height: 800 });
    const { frame, handle } = await quizFrame(page);
    const answers = plainAnswers({ topicals: ['acids'] });
    await frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
    assert.equal(await answerQuestions(frame, answers), 'review');
    await frame.locator('.screen.review button.primary').click();
    await frame.locator('.screen.result').waitFor();
    // The clinic's details from the data- attributes reach the result.
    assert.match(await frame.locator('.clinic').innerText(), /Sunrise Skin Clinic/);
    await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:complete'));
    const contentHeight = await frame.evaluate(() => document.documentElement.scrollHeight);
    await page.waitForFunction(
      ([h]) => Math.abs(document.querySelector('#quiz iframe').getBoundingClientRect().height - h) <= 2,
      [contentHeight],
    );
    assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight), false, 'no inner scrollbar');

    const ready = await events(page, 'candidacy:ready');
    assert.equal(ready.length, 1);
    const steps = await events(page, 'candidacy:step');
    assert.ok(steps.length >= 20);
    for (const step of steps) assert.deepEqual(Object.keys(step.detail).sort(), ['index', 'total']);
    const [complete] = await events(page, 'candidacy:complete');
    assert.deepEqual(complete.detail, {}, 'no verdict unless the clinic asks for it');
    assert.equal(complete.target, 'quiz');
    // The host page's own styles and policy are untouched.
    assert.equal(await page.locator('.marketing').first().evaluate((p) => getComputedStyle(p).color), 'rgb(107, 45, 92)');
    assert.equal(await handle.evaluate((f) => getComputedStyle(f).borderTopWidth), '0px');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await context.close();
  });
}

test("the widget's code for the phone opens the quiz's own page, with the clinic's details and without the host page's settings", async () => {
  const { context, page } = await openHost('host-inline.html', { width: 390, height: 800 });
  const { frame } = await quizFrame(page);
  await frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(frame, plainAnswers({ topicals: ['acids'] })), 'review');
  await frame.locator('.screen.review button.primary').click();
  await frame.locator('.screen.result').waitFor();
  await frame.getByRole('button', { name: 'Open on my phone' }).click();
  const link = new URL(await readQrCode(frame.getByRole('img', { name: 'QR code that opens this result on your phone' })));
  assert.equal(link.origin, quiz.origin);
  assert.equal(link.searchParams.get('host'), null, "the host page's origin stays out");
  assert.equal(link.searchParams.get('clinic'), 'Sunrise Skin Clinic');
  assert.match(link.hash, /^#r=1\.en\.microneedling-default\./);
  const dates = await shownDates(frame);
  await context.close();

  const phone = await browser.newContext();
  const opened = await phone.newPage();
  await opened.goto(link.href);
  await opened.locator('.screen.result').waitFor();
  assert.deepEqual(await shownDates(opened), dates);
  assert.match(await opened.locator('.clinic').innerText(), /Sunrise Skin Clinic/);
  await phone.close();
});

/** A whole journey in the inline widget; the host page's events, in order. */
async function hostEvents(answers, { early } = {}) {
  const { context, page } = await openHost('host-inline.html');
  const { frame } = await quizFrame(page);
  await frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
  let reached = await answerQuestions(frame, answers);
  if (early) {
    assert.equal(reached, 'early');
    await frame.getByRole('button', { name: 'Answer the other questions' }).click();
    reached = await answerQuestions(frame, answers);
  }
  assert.equal(reached, 'review');
  await frame.locator('.screen.review button.primary').click();
  await frame.locator('.screen.result').waitFor();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:complete'));
  const seen = await page.evaluate(() => window.__events.map(({ type, detail }) => ({ type, detail })));
  return { context, page, frame, seen };
}

test('the default events of a suitable and a not-suitable journey are the same', async () => {
  const suitable = await hostEvents(plainAnswers());
  const unsuitable = await hostEvents(plainAnswers({ keloids: 'yes', skin_cancer: 'yes' }), { early: true });
  assert.ok(suitable.seen.length >= 23, `${suitable.seen.length} events`);
  assert.deepEqual(unsuitable.seen, suitable.seen, 'a host page cannot tell the verdicts apart');
  assert.equal(await unsuitable.frame.locator('#step-heading').innerText(), 'Microneedling is not recommended for you');
  await suitable.context.close();
  await unsuitable.context.close();
});

test('following the booking link tells the host page, and nothing more', async () => {
  const { context, page, frame } = await hostEvents(plainAnswers());
  await context.route('https://sunrise.example/**', (route) => route.fulfill({ body: 'booking' }));
  const popup = context.waitForEvent('page');
  await frame.getByRole('link', { name: 'Book a consultation' }).click();
  await (await popup).close();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:book'));
  assert.deepEqual(await events(page, 'candidacy:book'), [{ type: 'candidacy:book', target: 'quiz', detail: {} }]);
  await context.close();
});

test('messages from any other origin are ignored', async () => {
  const { context, page } = await openHost('host-inline.html');
  const { handle } = await quizFrame(page);
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:ready'));
  const before = await handle.evaluate((f) => f.getBoundingClientRect().height);
  await page.evaluate(() => {
    window.postMessage({ type: 'candidacy:height', height: 7 }, '*');
    window.postMessage({ type: 'candidacy:complete', verdict: 'suitable', earliest_start: null, sessions: null }, '*');
  });
  await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
  assert.equal(await handle.evaluate((f) => f.getBoundingClientRect().height), before);
  assert.deepEqual(await events(page, 'candidacy:complete'), []);
  await context.close();
});

test('popup: a dialog that takes focus, closes with Esc or its button, and gives focus back', async () => {
  const { context, page, requests } = await openHost('host-popup.html');
  await page.waitForLoadState('networkidle');
  assert.ok(!requests.some((url) => url.includes('index.html')), 'nothing loads before the popup opens');
  const open = page.getByRole('button', { name: '¿Soy candidata al microneedling?' });
  await open.click();
  const dialog = page.locator('#quiz dialog');
  assert.ok(await dialog.evaluate((d) => d.open));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Cerrar');
  const { frame } = await quizFrame(page);
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'es');
  await page.keyboard.press('Escape');
  assert.equal(await dialog.evaluate((d) => d.open), false);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '¿Soy candidata al microneedling?');
  await open.click();
  await page.getByRole('button', { name: 'Cerrar' }).click();
  assert.equal(await dialog.evaluate((d) => d.open), false);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '¿Soy candidata al microneedling?');
  await context.close();
});

test('the <candidacy-quiz> element: the same options as attributes, the same events, a popup, and elements added later', async () => {
  const { context, page } = await openHost('host-element.html');
  // The popup element.
  await page.getByRole('button', { name: 'Am I a candidate?' }).click();
  assert.ok(await page.locator('#quiz-popup dialog').evaluate((d) => d.open), 'the popup opens');
  await quizFrame(page, 'quiz-popup');
  await page.getByRole('button', { name: 'Close the quiz' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Am I a candidate?');
  const { frame, handle } = await quizFrame(page);
  const src = new URL(await handle.getAttribute('src'));
  assert.equal(src.origin, quiz.origin);
  assert.deepEqual(Object.fromEntries(src.searchParams), {
    host: host.origin, lang: 'es', clinic: 'Harbour Skin', phone: '+1 555 0103', protocol: 'rf-microneedling', result: 'page',
  });
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await frame.locator('h1').innerText(), '¿Es el microneedling con radiofrecuencia adecuado para usted?');
  assert.equal(await page.locator('#quiz').evaluate((e) => getComputedStyle(e).display), 'block', 'as wide as its container');
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:ready' && e.target === 'quiz'));
  await frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:step' && e.target === 'quiz' && e.detail.index === 1));
  // One added after load (an editor's block, a page builder) is mounted when it arrives.
  await page.evaluate(() => {
    const late = document.createElement('candidacy-quiz');
    late.id = 'quiz-late';
    late.setAttribute('lang', 'ar');
    document.querySelector('main').append(late);
  });
  const late = await quizFrame(page, 'quiz-late');
  assert.equal(await late.frame.evaluate(() => document.documentElement.dir), 'rtl');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no policy violation on the host page');
  await context.close();
});

test('two widgets on one page work independently', async () => {
  const { context, page } = await openHost('host-two.html');
  const one = await quizFrame(page, 'quiz-one');
  const two = await quizFrame(page, 'quiz-two');
  assert.equal(await two.frame.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await one.frame.evaluate(() => document.documentElement.dir), 'ltr');
  await one.frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(one.frame, plainAnswers({ keloids: 'yes' })), 'early');
  await one.frame.locator('.screen.early button.primary').click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:complete'));
  const complete = await events(page, 'candidacy:complete');
  // quiz-one asks for the result (data-send-result-to-page).
  assert.deepEqual(complete.map((e) => [e.target, e.detail]), [
    ['quiz-one', { verdict: 'not_suitable', earliestStart: null, sessions: null }],
  ]);
  assert.equal(await two.frame.locator('.quiz:not(.prerendered) .screen.intro').count(), 1, 'the other quiz is untouched');
  await context.close();
});

test('a clinic protocol from the quiz site is used; a broken or missing one ends in a clear message', async () => {
  const { cp, mkdtemp, mkdir: makeDir, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const root = await mkdtemp(join(tmpdir(), 'candidacy-site-'));
  await cp(resolve(process.env.CANDIDACY_DIST ?? 'dist'), root, { recursive: true });
  await makeDir(join(root, 'protocols'), { recursive: true });
  await cp(resolve('tests/fixtures/minimal.json'), join(root, 'protocols', 'clinic.json'));
  await cp(resolve('tests/broken/negative-window.json'), join(root, 'protocols', 'broken.json'));
  await writeFile(join(root, 'protocols', 'html.json'), '<!DOCTYPE html><p>not found</p>');
  const site = await serve(root);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.origin}/index.html?protocol=protocols/clinic.json`);
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.equal(await page.locator('#step-heading').innerText(), 'Minimal quiz');
    const cases = [
      ['protocols/broken.json', /not a valid protocol: windows\.wait\.amount: a window cannot be negative/],
      ['protocols/html.json', /not a valid protocol: the file is not valid JSON/],
      ['protocols/missing.json', /answered 404/],
    ];
    for (const [path, message] of cases) {
      await page.goto(`${site.origin}/index.html?protocol=${path}&clinic=Sunrise%20Skin&phone=%2B1%20555%200100`);
      await page.locator('#fallback').waitFor();
      const text = await page.locator('#fallback').innerText();
      assert.match(text, message);
      assert.match(text, /Sunrise Skin · \+1 555 0100/);
      assert.match(text, /can't start here/);
    }
  } finally {
    await context.close();
    await site.close();
  }
});

test('a host page with aggressive global CSS and patched globals still gets a working widget', async () => {
  const { context, page } = await openHost('host-hostile.html');
  const { frame, handle } = await quizFrame(page);
  const box = await handle.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `the frame is visible (${JSON.stringify(box)})`);
  await frame.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(frame, plainAnswers()), 'review');
  await frame.locator('.screen.review button.primary').click();
  await frame.locator('.screen.result').waitFor();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'candidacy:complete'));
  // The popup button stays usable despite `button { display: none !important }`.
  const open = page.locator('#popup > button');
  assert.ok(await open.isVisible());
  await open.click();
  assert.ok(await page.locator('#popup dialog').evaluate((d) => d.open && getComputedStyle(d).display !== 'none'));
  await page.keyboard.press('Escape');
  await context.close();
});

test('in a site builder\'s embed of fixed height, the widget grows inside it and the visitor scrolls there', async () => {
  const { context, page } = await openHost('host-fixed-frame.html', { width: 390, height: 800 });
  const outer = await (await page.waitForSelector('#embed')).contentFrame();
  const handle = await outer.waitForSelector('#quiz iframe');
  const frame = await handle.contentFrame();
  await frame.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await frame.locator('.screen.intro button').click();
  assert.equal(await answerQuestions(frame, plainAnswers()), 'review');
  await frame.locator('.screen.review button.primary').click();
  await frame.locator('.screen.result').waitFor();
  // The quiz's frame follows its content; the builder's frame keeps its height and scrolls.
  await outer.waitForFunction(() => document.querySelector('#quiz iframe').getBoundingClientRect().height > 1000);
  assert.equal(Math.round((await page.locator('#embed').boundingBox()).height), 600);
  assert.ok(await outer.evaluate(() => document.scrollingElement.scrollHeight > 1000));
  await frame.locator('.screen.result a[href="https://sunrise.example/book"]').scrollIntoViewIfNeeded();
  assert.ok(await frame.locator('.screen.result a[href="https://sunrise.example/book"]').isVisible());
  await context.close();
});
