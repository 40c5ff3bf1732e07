// The rules as a clinic changes them and a visitor reads them: a clinic's own protocol with a
// 12-month isotretinoin wait says 12 months wherever it states the wait, in three languages, and
// computes the same dates as the CLI; each reason opens to its evidence and source; a reviewer is
// named only while the review covers the content.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CANDIDACY, DIST, answerQuestions, assessWithCli, axeViolations, launch, localToday,
  plainAnswers, recordRequests, serve, setAnswer, shownDates, startQuiz,
} from './harness.mjs';

const env = {};
const DEFAULT = JSON.parse(await readFile('static/protocols/microneedling.json', 'utf8'));

/** The default protocol with changes, as a clinic would publish it. */
function clinicProtocol(change) {
  const protocol = structuredClone(DEFAULT);
  change(protocol);
  return `${JSON.stringify(protocol, null, 2)}\n`;
}

before(async () => {
  const root = await mkdtemp(join(tmpdir(), 'candidacy-rules-'));
  await cp(DIST, root, { recursive: true });
  const protocols = join(root, 'protocols');
  await mkdir(protocols, { recursive: true });
  const twelve = clinicProtocol((p) => { p.windows.isotretinoin.amount = 12; });
  await writeFile(join(protocols, 'twelve.json'), twelve);
  // Reviewed with the project's own CLI, then a copy edited after the review.
  await writeFile(join(protocols, 'reviewed.json'), twelve);
  execFileSync(CANDIDACY, [
    'review', '--name', 'Dr Ana Ruiz', '--role', 'Dermatologist', '--date', '2026-11-30',
    join(protocols, 'reviewed.json'),
  ]);
  const reviewed = JSON.parse(await readFile(join(protocols, 'reviewed.json'), 'utf8'));
  reviewed.windows.radiation.amount = 6;
  await writeFile(join(protocols, 'edited.json'), JSON.stringify(reviewed, null, 2));
  env.protocols = protocols;
  env.site = await serve(root);
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.site?.close();
});

const labels = (page) => page.locator('fieldset label').allInnerTexts();

for (const [lang, stopped, before12, after12, waits] of [
  ['en', 'Yes, I stopped in the last 12 months', 'Yes, but I stopped more than 12 months ago', /this clinic waits 12 months/],
  ['es', 'Sí, lo dejé hace menos de 12 meses', 'Sí, pero lo dejé hace más de 12 meses', /esta clínica espera 12 meses/],
  ['ar', 'نعم، توقفت عنه خلال آخر 12 شهرًا', 'نعم، لكنني توقفت عنه منذ أكثر من 12 شهرًا', /تنتظر هذه العيادة 12 شهرًا/],
].map(([lang, a, b, c]) => [lang, localToday(-240), a, b, c])) {
  test(`a 12-month isotretinoin wait reads 12 months (${lang}) and dates the plan as the CLI does`, async () => {
    const path = `/?protocol=protocols/twelve.json&lang=${lang}`;
    const { context, page, errors } = await startQuiz(env.browser, env.site.origin, {}, path);
    const requests = recordRequests(page);
    const answers = plainAnswers({ isotretinoin: { option: 'recent', date: stopped } });
    assert.equal(await answerQuestions(page, answers, { stopAt: 'isotretinoin' }), 'question');
    const options = await labels(page);
    assert.ok(options.includes(before12), `${options}`);
    assert.ok(options.includes(after12), `${options}`);
    await setAnswer(page, 'isotretinoin', answers.isotretinoin);
    assert.equal(await answerQuestions(page, answers), 'review');
    await page.locator('.screen.review button.primary').click();
    await page.locator('.screen.result').waitFor();

    // Stopped 8 months ago: within the clinic's 12 months.
    const expected = assessWithCli(answers, localToday(), {
      protocol: join(env.protocols, 'twelve.json'), lang,
    });
    assert.equal(expected.verdict, 'not_yet');
    assert.deepEqual(await shownDates(page), expected.plan.dates);
    const reason = page.locator('.reason.not-yet');
    assert.match(await reason.innerText(), waits);
    assert.equal(expected.reasons[0].explanation, (await reason.locator('p').nth(3).innerText()),
      'the quiz and the CLI say the same words');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(env.site.origin)), []);
    await context.close();
  });
}

test('each reason opens to its evidence, source and references', async () => {
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: localToday(-30) } });
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  const why = page.locator('.reason.not-yet details.why');
  const summary = why.locator('summary');
  assert.match(await summary.innerText(), /^Why\?/);
  assert.equal(await summary.locator('.visually-hidden').innerText(), 'Have you taken isotretinoin for acne?',
    'each "Why?" says which reason it opens');
  assert.equal(await why.locator('.references').isVisible(), false, 'closed until asked');
  await summary.focus();
  await page.keyboard.press('Enter');
  const text = await why.innerText();
  assert.match(text, /Based on: the medicine's official label\./);
  assert.match(text, /Source: Isotretinoin product labelling/);
  const link = why.locator('a[href="https://doi.org/10.1001/jamadermatol.2017.2077"]');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await page.locator('.reviewed').count(), 0, 'the default protocol is unreviewed');
  await context.close();
});

test('when the complete file cannot come, "Why?" says its sources could not be loaded, and the rest stands', async () => {
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: localToday(-30) } });
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  await context.route(/\/protocol-[0-9a-f]+\.json$/, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  const why = page.locator('.reason.not-yet details.why');
  await why.locator('summary').click();
  const text = await why.innerText();
  assert.match(text, /Based on: the medicine's official label\./, 'the evidence kind is in the page');
  assert.match(text, /The sources for this could not be loaded just now\. Open the quiz again later, or ask the clinic for them\./);
  assert.doesNotMatch(text, /Source:/);
  assert.match(await page.locator('.reason.not-yet').innerText(), /isotretinoin/i, 'the explanation stands');
  assert.deepEqual(await shownDates(page), assessWithCli(answers).plan.dates, 'and the plan');
  await context.close();
});

test('a reviewer is named while the review covers the content, and not after an edit', async () => {
  const answers = plainAnswers();
  for (const [file, shown] of [['reviewed.json', true], ['edited.json', false]]) {
    const { context, page } = await startQuiz(env.browser, env.site.origin, {}, `/?protocol=protocols/${file}`);
    assert.equal(await answerQuestions(page, answers), 'review');
    await page.locator('.screen.review button.primary').click();
    await page.locator('.screen.result').waitFor();
    const reviewed = page.locator('.reviewed');
    if (shown) {
      assert.equal(await reviewed.innerText(), 'Rules reviewed by Dr Ana Ruiz (Dermatologist) on November 30, 2026.');
    } else {
      assert.equal(await reviewed.count(), 0, `${file}: the rules changed after the review`);
    }
    await context.close();
  }
  const cli = execFileSync(CANDIDACY, ['validate', join(env.protocols, 'edited.json')], { encoding: 'utf8' });
  assert.match(cli, /the content changed after it/);
});

test('the printed summary ends with the review', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin, {}, '/?protocol=protocols/reviewed.json');
  assert.equal(await answerQuestions(page, plainAnswers()), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.reviewed').isVisible(), true);
  await context.close();
});

