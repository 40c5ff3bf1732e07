// A whole journey with the keyboard alone: Tab, Shift+Tab, Space, Enter and the arrow keys.
// The mouse is never used; the page is read only to know where focus is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteAndBrowser, plainAnswers, assessWithCli, shownDates, localToday } from './harness.mjs';

const env = siteAndBrowser();

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { tag: el.tagName, type: el.type, name: el.name, value: el.value, id: el.id, checked: el.checked, text: el.textContent };
});

/** Presses `key` until the focused element matches, as a keyboard user tabbing along would. */
async function moveTo(page, matches, key = 'Tab') {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press(key);
    if (matches(await focused(page))) return;
  }
  throw new Error(`focus never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

const onSubmit = (f) => f.tag === 'BUTTON' && f.type === 'submit';

test('a complete journey with the keyboard only', async () => {
  const answers = plainAnswers({
    isotretinoin: { option: 'recent', date: localToday(-60) },
    allergies: ['metal'],
    skin_type: 'iv',
  });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await moveTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Start');
  await page.keyboard.press('Enter');
  await page.locator('.screen.question').waitFor();

  for (let step = 0; step < 20; step += 1) {
    assert.equal(await page.evaluate(() => document.activeElement.id), 'step-heading', 'focus is on the new question');
    const name = await page.locator('fieldset input').first().getAttribute('name');
    const values = await page.locator('fieldset input').evaluateAll((inputs) => inputs.map((i) => i.value));
    const kind = await page.locator('fieldset input').first().getAttribute('type');
    const answer = answers[name];
    if (kind === 'radio') {
      const wanted = typeof answer === 'string' ? answer : answer.option;
      await page.keyboard.press('Tab');
      const index = values.indexOf(wanted);
      if (index === 0) await page.keyboard.press('Space');
      for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
      assert.ok(await page.locator(`#opt-${name}-${wanted}`).isChecked(), `${name}=${wanted}`);
      if (typeof answer === 'object') {
        await page.keyboard.press('Tab');
        assert.equal((await focused(page)).id, `date-${name}`);
        const [y, m, d] = answer.date.split('-');
        // Chromium's date field reads in the locale's order: month, day, year for en-US.
        await page.keyboard.type(`${m}${d}${y}`);
      }
    } else {
      for (const value of answer) {
        await moveTo(page, (f) => f.name === name && f.value === value);
        await page.keyboard.press('Space');
      }
    }
    await moveTo(page, onSubmit);
    if (step === 3) {
      // Shift+Tab goes back to the choices; Tab returns to Next.
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).name, name);
      await moveTo(page, onSubmit);
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((q) => !document.querySelector(`fieldset input[name="${q}"]`), name);
  }

  await page.locator('.screen.review').waitFor();
  await moveTo(page, (f) => f.tag === 'BUTTON' && f.text === 'See my result');
  await page.keyboard.press('Enter');
  await page.locator('.screen.result').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step-heading');
  const expected = assessWithCli(answers);
  assert.equal(expected.verdict, 'not_yet');
  assert.deepEqual(await shownDates(page), expected.plan.dates);
  await context.close();
});
