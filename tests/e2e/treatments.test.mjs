// The shipped treatments as a clinic chooses them and a visitor meets them: RF microneedling,
// microneedling with PRP, and RF with PRP, chosen by name (`?protocol=rf-microneedling`, what the
// widget's `data-protocol` passes). Each spec's not_suitable rules reach "not recommended" in
// the browser, a whole journey dates its plan as the CLI does, every screen passes axe in three
// languages, and a build of the site around each treatment (its page, first screen and kiosk
// file) stays within the first-load budget.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  siteAndBrowser, startQuiz, answerQuestions, assessWithCli, shownDates, localToday,
  axeViolations, builtNames, screenKind, questionId, setAnswer, pressNext,
} from './harness.mjs';
import { BUDGETS, fileSizes } from '../../tools/bench.mjs';

const env = siteAndBrowser();

const RF_REFUSALS = [
  ['a pacemaker', 'implanted_device', 'yes'],
  ['a metal plate under the cheek', 'metal_in_area', 'yes'],
  ['permanent filler', 'filler', 'permanent'],
  ['cancer now', 'cancer', 'current'],
];
const PRP_REFUSALS = [
  ['a platelet disorder', 'bleeding', 'yes'],
  ['leukaemia now', 'cancer', 'current'],
];
const FDA_NOTICE = /The US FDA has warned about burns/;

const TREATMENTS = {
  'rf-microneedling': {
    refusals: RF_REFUSALS,
    journey: { nsaids: 'otc', filler: { option: 'recent', date: localToday(-60) }, tattoo_area: 'yes' },
    notice: FDA_NOTICE,
  },
  'prp-microneedling': {
    refusals: PRP_REFUSALS,
    journey: { smoking: 'yes', oral_steroids: { option: 'recent', date: localToday(-5) }, fainting: 'yes' },
    notice: /HIV infections linked to PRP microneedling/,
  },
  'rf-prp-microneedling': {
    // Both treatments' refusals, each question once.
    refusals: [...RF_REFUSALS, ...PRP_REFUSALS.filter(([, question]) => !RF_REFUSALS.some(([, q]) => q === question))],
    journey: { nsaids: 'otc', steroid_injection: { option: 'recent', date: localToday(-10) }, surgery: 'year' },
    notice: FDA_NOTICE,
  },
};

/** The answers of the treatment's cases file with nothing of note, changed by `changes`. */
function plain(name, changes = {}) {
  const { base } = JSON.parse(readFileSync(`examples/cases-${name}.json`, 'utf8'));
  return { ...base, ...changes };
}

const protocolFile = (name) => `static/protocols/${name}.json`;

for (const [name, treatment] of Object.entries(TREATMENTS)) {
  test(`${name}: chosen by name, each not_suitable rule of its spec says "not recommended"`, async () => {
    for (const [rule, question, option] of treatment.refusals) {
      const { context, page, errors } = await startQuiz(env.browser, env.site.origin, {}, `/?protocol=${name}`);
      const answers = plain(name, { [question]: option });
      assert.equal(assessWithCli(answers, localToday(), { protocol: protocolFile(name) }).verdict, 'not_suitable');
      assert.equal(await answerQuestions(page, answers), 'early', rule);
      assert.equal(await page.locator('#step-heading').innerText(), 'Microneedling is not recommended for you', rule);
      await page.getByRole('button', { name: 'See my result now' }).click();
      await page.locator('.screen.result').waitFor();
      assert.equal(await page.locator('.plan').count(), 0, `${rule}: no plan`);
      assert.equal(await page.locator('.earliest').count(), 0, `${rule}: no start date`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test(`${name}: a whole journey dates its plan as the CLI does, with the treatment's notice`, async () => {
    const { context, page } = await startQuiz(env.browser, env.site.origin, {}, `/?protocol=${name}`);
    const answers = plain(name, treatment.journey);
    assert.equal(await answerQuestions(page, answers), 'review');
    await page.locator('.screen.review button.primary').click();
    await page.locator('.screen.result').waitFor();
    const expected = assessWithCli(answers, localToday(), { protocol: protocolFile(name) });
    assert.deepEqual(await shownDates(page), expected.plan.dates);
    assert.match(await page.locator('.screen.result').innerText(), treatment.notice);
    await context.close();
  });

  for (const lang of ['en', 'es', 'ar']) {
    test(`${name} (${lang}): every screen passes axe`, async () => {
      const { context, page } = await startQuiz(env.browser, env.site.origin, {}, `/?protocol=${name}&lang=${lang}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      const answers = plain(name, treatment.journey);
      for (let guard = 0; guard < 60 && (await screenKind(page)) === 'question'; guard += 1) {
        assert.deepEqual(await axeViolations(page), [], `${lang}: ${await questionId(page)}`);
        const id = await questionId(page);
        await setAnswer(page, id, answers[id]);
        await pressNext(page);
      }
      assert.equal(await screenKind(page), 'review');
      assert.deepEqual(await axeViolations(page), [], `${lang}: review`);
      await page.locator('.screen.review button.primary').click();
      await page.locator('.screen.result').waitFor();
      for (const why of await page.locator('details.why').all()) await why.evaluate((d) => { d.open = true; });
      assert.deepEqual(await axeViolations(page), [], `${lang}: result`);
      await context.close();
    });
  }
}

/** `trunk build --release` with the page carrying `treatment`, into target/treatments/. */
function buildFor(treatment) {
  const dist = resolve('target/treatments', treatment);
  const path = [resolve('node_modules/.bin'), join(process.env.HOME ?? '', '.cargo/bin'), process.env.PATH].join(':');
  execFileSync('trunk', ['build', '--release', '--dist', dist], {
    env: { ...process.env, PATH: path, CANDIDACY_PROTOCOL: treatment },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return dist;
}

test('a site built around each treatment: its first load is within budget, its first screen and kiosk file are its own', async () => {
  for (const name of Object.keys(TREATMENTS)) {
    const dist = buildFor(name);
    const names = builtNames(dist);
    const files = ['index.html', names.css, names.early, names.start, names.glue, names.wasm];
    const sizes = files.map((file) => fileSizes(join(dist, file)));
    const gzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const brotli = sizes.reduce((sum, s) => sum + s.brotli, 0);
    console.log(`${name}: first load ${gzip} B gzip, ${brotli} B brotli (index.html ${sizes[0].gzip} / ${sizes[0].brotli})`);
    assert.ok(gzip <= BUDGETS.firstLoadGzip, `${name}: ${gzip} B gzip > ${BUDGETS.firstLoadGzip}`);
    assert.ok(brotli <= BUDGETS.firstLoadBrotli, `${name}: ${brotli} B brotli > ${BUDGETS.firstLoadBrotli}`);

    const protocol = JSON.parse(readFileSync(protocolFile(name), 'utf8'));
    const page_ = readFileSync(join(dist, 'index.html'), 'utf8');
    const prerendered = /<main id="app"[^>]*>([\s\S]*?)<\/main>/.exec(page_)?.[1] ?? '';
    assert.ok(prerendered.includes(protocol.title.en), `${name}: the first screen is the treatment's`);
    assert.ok(page_.includes(`"id":"${protocol.id}"`), `${name}: the page carries the treatment`);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dist, 'kiosk', 'candidacy-quiz.html')).href);
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.equal(await page.locator('h1').first().innerText(), protocol.title.en, `${name}: the kiosk file runs it`);
    await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
    await page.locator('.screen.question').waitFor();
    await context.close();
  }
});
