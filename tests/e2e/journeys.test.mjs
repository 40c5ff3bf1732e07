// Complete journeys through the release build, one per verdict, each checked against
// `candidacy assess` for the same answers; plus back, edit, browser history, reload, forget and
// a branch change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  siteAndBrowser, startQuiz, answerQuestions, plainAnswers, assessWithCli, shownDates,
  localToday, screenKind, questionId, setAnswer, pressNext,
} from './harness.mjs';

const env = siteAndBrowser();

async function journey(answers) {
  const { context, page, errors } = await startQuiz(env.browser, env.site.origin);
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  return { context, page, errors, expected: assessWithCli(answers) };
}

const headline = (page) => page.locator('#step-heading').innerText();

test('suitable: the plan dates match the CLI', async () => {
  const { context, page, errors, expected } = await journey(plainAnswers({ topicals: ['retinoids'] }));
  assert.equal(expected.verdict, 'suitable');
  assert.equal(await headline(page), 'Microneedling could be right for you');
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  const text = await page.locator('.screen.result').innerText();
  assert.match(text, /estimate, not medical advice/);
  assert.match(text, /4–6 sessions/);
  assert.match(text, /Every 4–6 weeks/);
  assert.match(text, /Stop retinoids/, 'the pre-care step the answer adds');
  assert.match(text, /Earliest start: /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('not yet, with a date: isotretinoin stopped a month ago', async () => {
  const stopped = localToday(-30);
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: stopped } });
  const { context, page, expected } = await journey(answers);
  assert.equal(expected.verdict, 'not_yet');
  assert.equal(await headline(page), 'Not yet, but maybe later');
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  assert.equal((await shownDates(page))[0], expected.earliest_start);
  assert.match(await page.locator('.reason.not-yet').innerText(), /Until /);
  await context.close();
});

test('not yet, without a date: pregnancy gives week numbers', async () => {
  const { context, page, expected } = await journey(plainAnswers({ pregnancy: 'yes' }));
  assert.equal(expected.verdict, 'not_yet');
  assert.equal(expected.earliest_start, null);
  assert.equal(await headline(page), 'Not yet, but maybe later');
  assert.match(await page.locator('.earliest').innerText(), /can't give a start date yet/);
  assert.deepEqual(await shownDates(page), []);
  const weeks = await page.locator('.schedule li').allInnerTexts();
  assert.equal(weeks.length, expected.plan.week_offsets.length);
  assert.match(weeks[1], /Week 4/);
  assert.equal(await page.getByRole('button', { name: 'Add to calendar' }).count(), 0);
  await context.close();
});

test('consult: blood thinners', async () => {
  const { context, page, expected } = await journey(plainAnswers({ blood_thinners: 'yes' }));
  assert.equal(expected.verdict, 'consult');
  assert.equal(await headline(page), 'Microneedling may suit you, after a consultation');
  assert.match(await page.locator('.plan').innerText(), /After your consultation/);
  assert.match(await page.locator('.reason.consult').innerText(), /Never stop a prescribed medicine/);
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  await context.close();
});

test('not suitable, through the early result', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  const answers = plainAnswers({ keloids: 'yes' });
  assert.equal(await answerQuestions(page, answers), 'early');
  assert.equal(await headline(page), 'Microneedling is not recommended for you');
  await page.getByRole('button', { name: 'See my result now' }).click();
  await page.locator('.screen.result').waitFor();
  assert.equal(await headline(page), 'Microneedling is not recommended for you');
  assert.match(await page.locator('.reason.not-suitable').innerText(), /raised scars/);
  assert.equal(await page.locator('.plan').count(), 0, 'no plan');
  assert.equal(await page.locator('.earliest').count(), 0, 'no start date');
  await context.close();
});

test('after the early result, the visitor can go on and still gets not suitable', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  const answers = plainAnswers({ age: 'under_18' });
  assert.equal(await answerQuestions(page, answers), 'early');
  await page.getByRole('button', { name: 'Answer the other questions' }).click();
  assert.equal(await answerQuestions(page, answers), 'review');
  await page.locator('.screen.review button.primary').click();
  assert.equal(await headline(page), 'Microneedling is not recommended for you');
  await context.close();
});

test('Back keeps answers; the browser Back and Forward buttons move between questions', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  await answerQuestions(page, plainAnswers(), { stopAt: 'bleeding' });
  const onQuestion = (id) => page.waitForFunction((q) => document.querySelector('fieldset input')?.name === q, id);
  await page.goBack();
  await onQuestion('skin_cancer');
  assert.ok(await page.locator('#opt-skin_cancer-no').isChecked(), 'the answer is kept');
  await page.goBack();
  await onQuestion('pregnancy');
  await page.goForward();
  await onQuestion('skin_cancer');
  await page.getByRole('button', { name: 'Back' }).click();
  await onQuestion('pregnancy');
  assert.ok(await page.locator('#opt-pregnancy-no').isChecked());
  // The in-page Back is a step like any other: the browser's Back returns from it.
  await page.goBack();
  await onQuestion('skin_cancer');
  for (let i = 0; i < 3; i += 1) await page.goBack();
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  assert.equal(new URL(page.url()).origin, env.site.origin, 'still on the quiz');
  await context.close();
});

test('the review lists every answer and Change returns to it, then back to the review', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  await answerQuestions(page, plainAnswers());
  const rows = await page.locator('.review-row').count();
  assert.equal(rows, 20);
  await page.getByRole('button', { name: 'Change: Do you take anti-inflammatory painkillers regularly, such as ibuprofen or naproxen?' }).click();
  assert.equal(await questionId(page), 'nsaids');
  await setAnswer(page, 'nsaids', 'yes');
  await page.getByRole('button', { name: 'Save and go back to my answers' }).click();
  await page.locator('.screen.review').waitFor();
  assert.match(await page.locator('.screen.review').innerText(), /ibuprofen or naproxen\?\nYes/);
  await context.close();
});

test('a reload resumes where the visitor was; Forget clears everything', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  await answerQuestions(page, plainAnswers(), { stopAt: 'healing' });
  await page.reload();
  await page.locator('.screen.question').waitFor();
  assert.equal(await questionId(page), 'healing');
  await page.getByRole('button', { name: 'Back' }).click();
  assert.ok(await page.locator('#opt-radiation-no').isChecked(), 'answers survived the reload');
  const stored = await page.evaluate(() => Object.keys(sessionStorage));
  assert.deepEqual(stored, ['candidacy-quiz']);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);

  await page.getByRole('button', { name: 'Forget my answers' }).click();
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  assert.match(await page.locator('[role=status]').innerText(), /Your answers have been cleared/);
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
  await page.reload();
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await context.close();
});

test('corrupt or foreign saved progress is discarded with a message', async () => {
  for (const saved of ['{"format":1,"protocol":"micro', '{"format":99}', 'null']) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.site.origin}/`);
    // Once the app runs (it clears what it doesn't keep), break what it saved.
    await page.locator('.quiz:not(.prerendered)').waitFor();
    await page.evaluate((value) => sessionStorage.setItem('candidacy-quiz', value), saved);
    await page.reload();
    await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
    assert.match(await page.locator('.notice').innerText(), /couldn't restore your earlier answers/);
    await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
    await page.locator('.screen.question').waitFor();
    await context.close();
  }
});

test('changing a branch clears its stale date, so it cannot affect the verdict', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  await answerQuestions(page, plainAnswers(), { stopAt: 'isotretinoin' });
  await setAnswer(page, 'isotretinoin', { option: 'recent', date: localToday(-20) });
  await setAnswer(page, 'isotretinoin', 'never');
  assert.equal(await page.locator('#date-isotretinoin').count(), 0);
  await setAnswer(page, 'isotretinoin', 'recent');
  assert.equal(await page.locator('#date-isotretinoin').inputValue(), '', 'the old date is gone');
  await setAnswer(page, 'isotretinoin', 'never');
  await pressNext(page);
  assert.equal(await answerQuestions(page, plainAnswers()), 'review');
  await page.locator('.screen.review button.primary').click();
  assert.equal(await headline(page), 'Microneedling could be right for you');
  assert.equal(await page.locator('.reason').count(), 0);
  await context.close();
});

test('problems are explained next to the field and focus moves there', async () => {
  const { context, page } = await startQuiz(env.browser, env.site.origin);
  await pressNext(page);
  const error = page.locator('.error');
  assert.match(await error.innerText(), /Please choose an answer\./);
  const describedBy = await page.locator('fieldset').getAttribute('aria-describedby');
  assert.ok(describedBy.split(' ').includes(await error.getAttribute('id')));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'opt-age-under_18');

  await answerQuestions(page, plainAnswers(), { stopAt: 'isotretinoin' });
  await setAnswer(page, 'isotretinoin', { option: 'recent', date: localToday(5) });
  await pressNext(page);
  assert.match(await page.locator('.error').innerText(), /This date is in the future/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'date-isotretinoin');
  const dateDescribedBy = await page.locator('#date-isotretinoin').getAttribute('aria-describedby');
  assert.ok(dateDescribedBy.includes('error-isotretinoin'));

  await answerQuestions(page, plainAnswers({ isotretinoin: 'never' }), { stopAt: 'allergies' });
  await setAnswer(page, 'allergies', ['metal', 'none']);
  await pressNext(page);
  assert.match(await page.locator('.error').innerText(), /“None of these” can't be chosen together with other answers/);
  assert.equal(await screenKind(page), 'question');
  await context.close();
});
