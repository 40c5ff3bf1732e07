// The plan as a picture (issue 16): an SVG timeline from today to the full result, in the
// visitor's language and direction, readable at 320 px, with the lists under it as its text
// equivalent, and printed with the result.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations, plainAnswers, reachResult, shownDates, siteAndBrowser,
} from './harness.mjs';

const env = siteAndBrowser();

const NAMES = {
  en: 'Your plan at a glance, from today to the full result. The same dates are in the lists below.',
  es: 'Su plan de un vistazo, de hoy al resultado completo. Las mismas fechas están en las listas de abajo.',
  ar: 'خطتك في لمحة، من اليوم حتى النتيجة الكاملة. التواريخ نفسها في القوائم أدناه.',
};

const result = (lang, changes = {}, width = 320) => reachResult(
  env.browser, env.site.origin, plainAnswers(changes), { viewport: { width, height: 740 } }, `/?lang=${lang}`,
);

/** The timeline's rows: each one's label and when, and where its dot and text are. */
function rows(page) {
  return page.locator('.timeline svg g').evaluateAll((groups) => groups.map((g) => ({
    label: g.querySelector('.label').textContent,
    when: g.querySelector('.when').textContent,
    dot: Number(g.querySelector('circle').getAttribute('cx')),
    text: Number(g.querySelector('.label').getAttribute('x')),
  })));
}

for (const lang of ['en', 'es', 'ar']) {
  test(`${lang}: the timeline runs from today through every session to the full result, at 320 px, under axe`, async () => {
    const { context, page } = await result(lang);
    const svg = page.getByRole('img', { name: NAMES[lang] });
    await svg.waitFor();
    const shown = await rows(page);
    const dates = await shownDates(page);
    // One row per session, dated as the list dates it (in the browser's own short form).
    const short = await page.evaluate(([l, ds]) => ds.map((d) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })
      .format(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))))), [lang, dates]);
    const sessionRows = shown.filter((row) => /\d/.test(row.label) && !row.when.includes('–'));
    assert.ok(dates.length > 0);
    for (const date of short) assert.ok(shown.some((row) => row.when === date), `${date} in ${JSON.stringify(shown)}`);
    assert.ok(sessionRows.length >= dates.length);
    assert.equal(shown[0].label, { en: 'Today', es: 'Hoy', ar: 'اليوم' }[lang]);
    assert.equal(shown.at(-1).label, { en: 'Full result', es: 'Resultado completo', ar: 'النتيجة الكاملة' }[lang]);
    // The axis is on the side the language starts from.
    for (const row of shown) assert.ok(lang === 'ar' ? row.dot > row.text : row.dot < row.text, JSON.stringify(row));
    // Inside the screen, every text inside the drawing.
    const box = await svg.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, JSON.stringify(box));
    const outside = await page.locator('.timeline svg').evaluate((s) => {
      const frame = s.getBoundingClientRect();
      return [...s.querySelectorAll('text')].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < frame.left - 1 || r.right > frame.right + 1;
      }).map((t) => t.textContent);
    });
    assert.deepEqual(outside, []);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 320), true);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}

test('without an earliest start the timeline counts weeks from the first session', async () => {
  const { context, page } = await result('en', { pregnancy: 'yes' }, 390);
  const shown = await rows(page);
  assert.ok(!shown.some((row) => row.label === 'Today'));
  assert.deepEqual(shown.filter((row) => row.label.startsWith('Session')).map((row) => row.when).slice(0, 2), ['Week 0', 'Week 4']);
  assert.match(shown.at(-1).when, /months after the last session$/);
  await context.close();
});

test('the timeline is printed with the result', async () => {
  const { context, page } = await result('en', {}, 1280);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.timeline svg').isVisible(), true);
  await context.close();
});
