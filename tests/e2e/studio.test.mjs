// The clinic's Protocol Studio (studio/): a clinic opens a protocol, edits it with forms, sees
// the real quiz change beside it, runs its cases after every edit and downloads a file that the
// CLI validates and assesses the same. Nothing it does leaves the site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CANDIDACY, SCREENSHOTS, assessWithCli, axeViolations, plainAnswers, recordRequests, siteAndBrowser,
} from './harness.mjs';

const env = siteAndBrowser();
mkdirSync(SCREENSHOTS, { recursive: true });

/** The studio in a fresh context, the default protocol opened. */
async function openStudio({ width = 1280, height = 900, open = true } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const requests = recordRequests(page);
  await page.goto(`${env.site.origin}/studio/`);
  if (open) {
    await page.getByRole('button', { name: 'Open the default protocol' }).click();
    await page.getByRole('heading', { name: 'Clinic and look' }).waitFor();
  }
  return { context, page, errors, requests };
}

const preview = (page) => page.locator('.preview');
const panel = (page, name) => page.getByRole('navigation', { name: 'Parts of the protocol' }).getByRole('button', { name });

async function previewGoTo(page, step) {
  await preview(page).getByLabel('Go to').selectOption(step);
}

/** Answers the preview's questions like a visitor, until a screen that is not a question. */
async function answerInPreview(page, answers) {
  const quiz = preview(page).locator('.quiz');
  for (let guard = 0; guard < 60; guard += 1) {
    if (!(await quiz.locator('.screen.question').count())) return;
    const name = await quiz.locator('.screen.question fieldset input').first().getAttribute('name');
    const answer = answers[name];
    if (answer === undefined) throw new Error(`no answer for ${name}`);
    const options = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [answer.option];
    for (const input of await quiz.locator(`fieldset input[name="${name}"]`).all()) {
      const want = options.includes(await input.getAttribute('value'));
      const radio = (await input.getAttribute('type')) === 'radio';
      if ((await input.isChecked()) !== want && (want || !radio)) await (want ? input.check() : input.uncheck());
    }
    if (answer.date) await quiz.locator(`#date-${name}`).fill(answer.date);
    const heading = await quiz.locator('#step-heading').textContent();
    await quiz.locator('button[type=submit]').click();
    await page.waitForFunction(
      (before) => document.querySelector('.preview #step-heading')?.textContent !== before || document.querySelector('.preview .error'),
      heading,
    );
  }
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFileSync(await file.path(), 'utf8');
}

function cli(args) {
  try {
    return { code: 0, out: execFileSync(CANDIDACY, args, { encoding: 'utf8' }) };
  } catch (error) {
    return { code: error.status, out: `${error.stdout}${error.stderr}` };
  }
}

const TODAY = '2026-12-04';
const CASES = {
  today: TODAY,
  base: plainAnswers(),
  cases: [
    { name: 'nothing of note', expect: { verdict: 'suitable', earliest_start: TODAY } },
    {
      name: 'stopped isotretinoin 8 months ago',
      answers: { isotretinoin: { option: 'recent', date: '2026-04-04' } },
      expect: { verdict: 'not_yet', earliest_start: '2027-04-04' },
    },
  ],
};

test('a longer isotretinoin wait changes the preview, flips a case, and the file downloaded agrees with the CLI', async () => {
  const { context, page, errors, requests } = await openStudio();
  await panel(page, 'Cases').click();
  await page.getByLabel('Open a cases file').setInputFiles({
    name: 'cases.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(CASES)),
  });
  // With the default's 6 months, 8 months ago is outside "the last 6 months": the case fails.
  await page.locator('#cases-summary').filter({ hasText: '1 passed, 1 failed' }).waitFor();
  assert.match(await page.locator('.cases li.fail').innerText(), /stopped isotretinoin 8 months ago/);

  await previewGoTo(page, 'question:isotretinoin');
  await preview(page).getByText('Yes, I stopped in the last 6 months').waitFor();

  await panel(page, 'Waiting times').click();
  const amount = page.locator('[id="f:windows.isotretinoin.amount"]');
  await amount.fill('12');
  await preview(page).getByText('Yes, I stopped in the last 12 months').waitFor();
  await preview(page).getByText('Yes, but I stopped more than 12 months ago').waitFor();

  await panel(page, 'Cases').click();
  await page.locator('#cases-summary').filter({ hasText: '2 passed, 0 failed' }).waitFor();

  await panel(page, 'Changes').click();
  await page.getByText('isotretinoin wait: 6 months → 12 months').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-changes-1280.png') });

  // The preview's result for a visitor who stopped 8 months ago waits 12 months from then.
  await preview(page).getByLabel('isotretinoin', { exact: false });
  const answers = plainAnswers({ isotretinoin: { option: 'recent', date: '2026-04-04' } });
  await preview(page).getByRole('button', { name: 'Start over' }).click();
  await preview(page).locator('.screen.intro button').click();
  await answerInPreview(page, answers);
  await preview(page).getByRole('button', { name: 'See my result' }).click();
  await preview(page).locator('.screen.result').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-result-1280.png') });

  await panel(page, 'Publish').click();
  const file = await download(page, page.getByRole('button', { name: /^Download / }));
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-studio-'));
  const path = join(dir, 'clinic.json');
  writeFileSync(path, file);
  assert.equal(cli(['validate', path]).code, 0, cli(['validate', path]).out);
  assert.equal(JSON.parse(file).windows.isotretinoin.amount, 12);
  const today = new Date().toISOString().slice(0, 10);
  const expected = assessWithCli(answers, today, { protocol: path });
  assert.equal(expected.verdict, 'not_yet');
  assert.equal(expected.earliest_start, '2027-04-04');
  // The result screen says the same: not yet, from 4 April 2027.
  const result = await preview(page).locator('.screen.result').innerText();
  assert.match(result, /2027/);
  const earliest = await preview(page).locator('.screen.result time').first().getAttribute('datetime');
  assert.equal(earliest, expected.earliest_start);

  // The cases file downloaded is the one `candidacy check` runs.
  await panel(page, 'Cases').click();
  const cases = await download(page, page.getByRole('button', { name: 'Download the cases file' }));
  const casesPath = join(dir, 'cases.json');
  writeFileSync(casesPath, cases);
  const check = cli(['check', path, '--cases', casesPath]);
  assert.equal(check.code, 0, check.out);
  assert.match(check.out, /2 passed, 0 failed/);

  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(env.site.origin)), []);
  await context.close();
});

test('a new question whose yes is not suitable shows in the preview and refuses the visitor', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Questions').click();
  await page.getByLabel('The question', { exact: true }).fill('Do you have a pacemaker?');
  await page.getByLabel('A “yes” means').selectOption('not_suitable');
  await page.getByRole('button', { name: 'Add the question' }).click();
  // Its explanation and source are the clinic's to write: until then, the problems say so.
  await page.getByRole('button', { name: /^Problems \([1-9]/ }).waitFor();
  const opener = page.getByRole('button', { name: /^do_you_have_a_pacemaker/ });
  await opener.click();
  const question = page.locator('li.question', { has: opener });
  const yes = (field) => question.locator(`[id^="f:questions["][id$="].options[0].outcome.${field}"]`);
  for (const lang of ['en', 'es', 'ar']) await yes(`explain.${lang}`).fill(`Not with a pacemaker (${lang}).`);
  await yes('source').fill('Device instructions for use: implanted electronic devices');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await previewGoTo(page, 'question:do_you_have_a_pacemaker');
  await preview(page).getByRole('heading', { name: 'Do you have a pacemaker?' }).waitFor();
  await preview(page).getByLabel('Yes').check();
  await preview(page).locator('button[type=submit]').click();
  await preview(page).getByRole('button', { name: 'See my result now' }).click();
  await preview(page).getByText('Not with a pacemaker (en).').first().waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-new-question-1280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken file opens with its problems located, and is fixed in the raw view', async () => {
  const { context, page, errors } = await openStudio({ open: false });
  const text = readFileSync('static/protocols/microneedling.json', 'utf8');
  // Not JSON at all: the raw view, at the line.
  await page.getByLabel('A file from this computer').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"format": 1,', '"format": 1,,')),
  });
  await page.getByText(/This is not JSON yet: .*line 2/).waitFor();
  const raw = page.getByLabel('The protocol file');
  await raw.fill(text.replace('"amount": 6,', '"amount": -6,'));
  await page.getByRole('button', { name: 'Use this text' }).click();
  // JSON now, but not a valid protocol: the problem, by its place, takes the focus to its field.
  await panel(page, 'Problems (1)').click();
  const problem = page.locator('.problems li').first();
  assert.match(await problem.innerText(), /windows\.isotretinoin/);
  await problem.getByRole('button').click();
  const field = page.locator('[id="f:windows.isotretinoin.amount"]');
  await page.waitForFunction(() => document.activeElement?.id === 'f:windows.isotretinoin.amount');
  await field.fill('6');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  // A hostile text is shown as text.
  await panel(page, 'Texts and languages').click();
  await page.locator('[id="f:title.en"]').fill('<img src=x onerror="document.title=1">');
  await preview(page).getByRole('heading', { name: '<img src=x onerror="document.title=1">' }).waitFor();
  assert.equal(await preview(page).locator('img').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a window still in use cannot be removed; undo and redo; a language added', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Waiting times').click();
  await page.getByRole('button', { name: 'Remove the isotretinoin wait' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /still referred to: .*questions\[5\]/);
  assert.equal(await page.locator('[id="f:windows.isotretinoin.amount"]').count(), 1);

  await page.locator('[id="f:windows.isotretinoin.amount"]').fill('9');
  await page.locator('[id="f:windows.radiation.amount"]').fill('2');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await page.locator('[id="f:windows.radiation.amount"]').inputValue(), '12');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await page.locator('[id="f:windows.isotretinoin.amount"]').inputValue(), '6');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await page.locator('[id="f:windows.isotretinoin.amount"]').inputValue(), '9');

  await panel(page, 'Texts and languages').click();
  await page.getByLabel('Add a language').fill('fr');
  await page.getByRole('button', { name: 'Add the language' }).click();
  await page.locator('[id="f:title.fr"]').waitFor();
  assert.equal(await page.locator('[id="f:title.fr"]').inputValue(), 'Is microneedling right for you?');
  assert.match(await page.locator('label[for="f:title.fr"]').innerText(), /not yet translated/);
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-texts-1280.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('every studio view passes axe, at 1280 px and at 320 px', async () => {
  for (const width of [1280, 320]) {
    const { context, page, errors } = await openStudio({ width, height: 800 });
    for (const name of ['Problems', 'Clinic and look', 'Waiting times', 'Questions', 'Texts and languages', 'Plan', 'Cases', 'Changes', 'Raw JSON', 'Publish']) {
      await panel(page, new RegExp(`^${name}`)).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      if (name === 'Questions') await page.getByRole('button', { name: /^isotretinoin/ }).click();
      assert.deepEqual(await axeViolations(page), [], `${name} at ${width} px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width} px is ${overflow} px too wide`);
    }
    if (width === 320) {
      // Narrow: the editor and the preview are two views, switched by a pair of buttons.
      assert.equal(await preview(page).isVisible(), false);
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await preview(page).locator('.screen.intro').waitFor();
      assert.equal(await page.locator('.editor').isVisible(), false);
      assert.deepEqual(await axeViolations(page), [], 'the preview at 320 px');
      await page.screenshot({ path: join(SCREENSHOTS, 'studio-320-preview.png') });
      await page.getByRole('button', { name: 'Editor', exact: true }).click();
      await panel(page, 'Waiting times').click();
    } else {
      await panel(page, 'Waiting times').click();
      await page.locator('[id="f:windows.isotretinoin.amount"]').fill('12');
      await previewGoTo(page, 'question:isotretinoin');
      await preview(page).getByText('Yes, I stopped in the last 12 months').waitFor();
    }
    await page.screenshot({ path: join(SCREENSHOTS, `studio-${width}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('answers, sections and care steps are added, moved and removed; a language removed and undone', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Questions').click();
  await page.getByRole('button', { name: /^isotretinoin/ }).click();
  await page.getByLabel('Add an answer (its words)').fill('Only as a cream');
  await page.getByRole('button', { name: 'Add the answer' }).click();
  await page.getByRole('heading', { name: "Answer 'only_as_a_cream'" }).waitFor();
  await previewGoTo(page, 'question:isotretinoin');
  await preview(page).getByLabel('Only as a cream').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-answers-1280.png') });

  const up = page.getByRole('button', { name: 'Move the answer only_as_a_cream of isotretinoin up' });
  await up.click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move the answer only_as_a_cream of isotretinoin up');
  const order = await page.locator('.options h4').allInnerTexts();
  assert.equal(order.at(-2), "Answer 'only_as_a_cream'", order.join(', '));
  await page.getByRole('button', { name: 'Remove the answer only_as_a_cream of isotretinoin' }).click();
  await page.getByRole('heading', { name: "Answer 'only_as_a_cream'" }).waitFor({ state: 'detached' });

  await page.getByLabel('Add a section (its title)').fill('Lifestyle');
  await page.getByRole('button', { name: 'Add the section' }).click();
  await page.getByRole('heading', { name: "Section 'lifestyle'" }).waitFor();
  assert.match(await page.locator('label[for="f:sections[3].title.es"]').innerText(), /not yet translated/);
  await page.getByRole('button', { name: 'Remove the section health' }).click();
  assert.match(await page.getByRole('alert').innerText(), /still referred to/);
  await page.getByRole('button', { name: 'Remove the section lifestyle' }).click();
  await page.getByRole('heading', { name: "Section 'lifestyle'" }).waitFor({ state: 'detached' });

  await panel(page, 'Plan').click();
  await page.locator('#new-after_care').fill('Sleep on a clean pillowcase');
  await page.locator('#new-after_care').press('Enter');
  const step = page.getByRole('heading', { name: "Step 'sleep_on_a_clean_pillowcase'" });
  await step.waitFor();
  await step.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-care-1280.png') });
  await panel(page, /^Changes/).click();
  assert.match(await page.locator('main').innerText(), /pillowcase/i);
  await panel(page, 'Plan').click();
  await page.getByRole('button', { name: 'Remove the step sleep_on_a_clean_pillowcase' }).click();
  await step.waitFor({ state: 'detached' });

  await panel(page, 'Texts and languages').click();
  await page.getByRole('button', { name: 'Remove the language es' }).click();
  await page.locator('[id="f:title.es"]').waitFor({ state: 'detached' });
  assert.deepEqual(await page.getByRole('list', { name: 'Languages' }).getByRole('listitem').allInnerTexts()
    .then((items) => items.map((t) => t.split(/\s/)[0])), ['en', 'ar']);
  assert.equal(await preview(page).locator('#language-select option[value="es"]').count(), 0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.locator('[id="f:title.es"]').waitFor();
  assert.equal(await page.locator('[id="f:title.es"]').inputValue(), '¿Es el microneedling adecuado para usted?');
  assert.deepEqual(errors, []);
  await context.close();
});

test('after one visit the studio opens offline', async () => {
  const { context, page, errors } = await openStudio();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // The page asks the worker to keep its files; wait until they are kept.
    for (let tries = 0; tries < 100; tries += 1) {
      const kept = await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)));
      if (kept.flat().some((url) => /\/studio\/studio-[0-9a-f]+_bg\.wasm$/.test(url))) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error("the studio's files were not kept");
  });
  await context.setOffline(true);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await page.reload();
  await page.getByRole('button', { name: 'Open the default protocol' }).click();
  await page.getByRole('heading', { name: 'Clinic and look' }).waitFor();
  await panel(page, 'Waiting times').click();
  await page.locator('[id="f:windows.isotretinoin.amount"]').fill('12');
  await previewGoTo(page, 'question:isotretinoin');
  await preview(page).locator('.screen.question').waitFor();
  assert.ok(requests.every((url) => url.startsWith(`${env.site.origin}/`)), requests.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a clinician's review is recorded bound to the rules, ends with the next edit, and the CLI agrees", async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Publish').click();
  const status = page.locator('#review-status');
  await status.filter({ hasText: "No clinician's review" }).waitFor();
  await page.getByLabel("Clinician's name").fill('Dr Ana Ruiz');
  await page.getByLabel('Role or credential').fill('Dermatologist');
  await page.getByLabel('Reviewed on').fill('2026-12-01');
  await page.getByLabel('Next review due (optional)').fill('2027-12-01');
  await page.getByRole('button', { name: 'Record the review' }).click();
  await status.filter({ hasText: 'Reviewed by Dr Ana Ruiz (Dermatologist) on 2026-12-01: the review covers these rules' }).waitFor();
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-publish-1280.png') });
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-review-'));
  const reviewed = join(dir, 'reviewed.json');
  writeFileSync(reviewed, await download(page, page.getByRole('button', { name: /^Download / })));
  const validated = cli(['validate', reviewed, '--today', '2026-12-06']);
  assert.equal(validated.code, 0, validated.out);
  assert.match(validated.out, /review: by Dr Ana Ruiz \(Dermatologist\) on 2026-12-01, matches the content/);

  // The next edit ends it: the studio says so, and so does the CLI of the file downloaded then.
  await panel(page, 'Waiting times').click();
  await page.locator('[id="f:windows.isotretinoin.amount"]').fill('12');
  await panel(page, 'Changes').click();
  await page.locator('#review-status').filter({ hasText: 'the rules have changed since' }).waitFor();
  await panel(page, 'Publish').click();
  await status.filter({ hasText: 'the rules have changed since' }).waitFor();
  const changed = join(dir, 'changed.json');
  writeFileSync(changed, await download(page, page.getByRole('button', { name: /^Download / })));
  assert.match(cli(['validate', changed, '--today', '2026-12-06']).out, /the content changed after it/);
  // An impossible date is refused before anything is recorded.
  await page.getByLabel("Clinician's name").fill('Dr Ana Ruiz');
  await page.getByLabel('Role or credential').fill('Dermatologist');
  await page.getByLabel('Reviewed on').fill('');
  await page.getByRole('button', { name: 'Record the review' }).click();
  assert.equal(await status.filter({ hasText: 'the rules have changed since' }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the texts still to translate are listed on their own', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Texts and languages').click();
  const summary = page.locator('#texts-summary');
  assert.match(await summary.innerText(), /: 0 missing, 0 not yet translated\./);
  // A waiting time is inserted as its placeholder, never typed; the preview writes it out.
  const insert = page.getByLabel('Insert a waiting time into title (en)');
  await insert.focus();
  await insert.selectOption('isotretinoin');
  assert.equal(await page.locator('[id="f:title.en"]').inputValue(), 'Is microneedling right for you?{window:isotretinoin}');
  await preview(page).getByRole('heading', { name: 'Is microneedling right for you?6 months' }).waitFor();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByLabel('Show only the texts that still need a translation').check();
  await page.getByText('Every text is written in every language.').waitFor();
  await page.getByLabel('Add a language').fill('fr');
  await page.getByRole('button', { name: 'Add the language' }).click();
  await page.locator('[id="f:title.fr"]').waitFor();
  const texts = Number((await summary.innerText()).match(/^(\d+) texts/)[1]);
  assert.match(await summary.innerText(), new RegExp(`: 0 missing, ${texts} not yet translated\\.`));
  assert.equal(await page.locator('fieldset.text-fields').count(), texts);
  // Translated, a text leaves the list (and the count).
  await page.locator('[id="f:title.fr"]').fill('Le microneedling vous convient-il ?');
  await page.locator('[id="f:title.fr"]').waitFor({ state: 'detached' });
  assert.match(await summary.innerText(), new RegExp(`: 0 missing, ${texts - 1} not yet translated\\.`));
  // The quiz's own words (buttons, headings) come in English, Spanish and Arabic only: the studio says so.
  assert.match(await page.locator('#interface-languages').innerText(), /fr: .*English, Spanish and Arabic/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile input ends in a clear message: a huge file, deep nesting, a path out of protocols/', async () => {
  const { context, page, errors, requests } = await openStudio({ open: false });
  const alert = page.getByRole('alert');
  await page.getByLabel('A file from this computer').setInputFiles({
    name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(3_000_000, ' '),
  });
  await alert.filter({ hasText: 'huge.json is 3000 KB: a protocol file is well under 1,000 KB' }).waitFor();
  await page.getByLabel('A file from this computer').setInputFiles({
    name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  });
  await page.getByText(/This is not JSON yet: .*nest/i).waitFor();
  await page.getByLabel('A protocol of this site, in protocols/').fill('../../etc/passwd');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await alert.filter({ hasText: 'is named by its file in protocols/' }).waitFor();
  await page.getByLabel('A protocol of this site, in protocols/').fill('missing-clinic');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await alert.filter({ hasText: 'Not opened: ../protocols/missing-clinic.json answered 404' }).waitFor();
  await page.getByLabel('A protocol of this site, in protocols/').fill('protocols/rf-microneedling.json');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByText('Editing protocols/rf-microneedling.json').waitFor();
  assert.ok(requests.every((url) => url.startsWith(`${env.site.origin}/`)), requests.join('\n'));
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test('notices, dates and bands of time are edited with forms; every kind of source is one the validator knows', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Waiting times').click();
  const kind = page.locator('[id="f:windows.isotretinoin.evidence"]');
  const kinds = (await kind.locator('option').evaluateAll((options) => options.map((o) => o.value))).filter(Boolean);
  assert.equal(kinds.length, 9);
  for (const value of kinds) {
    await kind.selectOption(value);
    await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  }

  // A notice: every visitor sees it with the result.
  await panel(page, 'Plan').click();
  await page.getByLabel('Add a notice (what every visitor is told)').fill('Tell us about any new medicine before each session.');
  await page.getByRole('button', { name: 'Add the notice' }).click();
  await page.getByRole('heading', { name: "Notice 'tell_us_about_any_new_medicine_before_each_session'" }).waitFor();
  await page.getByRole('button', { name: 'Problems (1)' }).waitFor();
  await page.locator('[id="f:notices[0].source"]').fill('Clinic policy: medicines reviewed at every visit');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await previewGoTo(page, 'result');
  await preview(page).getByText('Tell us about any new medicine before each session.').waitFor();

  // The isotretinoin answers: the date the visitor gives, and the bands of time they cover.
  await panel(page, 'Questions').click();
  await page.getByRole('button', { name: /^isotretinoin/ }).click();
  assert.equal(await page.locator('[id="f:questions[5].options[1].date.when"]').inputValue(), 'past');
  assert.equal(await page.locator('[id="f:questions[5].options[1].date.label.en"]').inputValue(), 'When did you take your last dose?');
  await page.locator('[id="f:questions[5].options[1].ago.less_than"]').selectOption('isotretinoin');
  await page.locator('[id="f:questions[5].options[2].ago.at_least"]').selectOption('isotretinoin');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await page.locator('[id="f:questions[5].options[1].date.when"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'studio-option-1280.png') });
  // A band that names a window its words do not is a problem shown beside the field.
  await page.locator('[id="f:questions[5].options[2].ago.at_least"]').selectOption('radiation');
  await panel(page, /^Problems \([1-9]/).click();
  assert.match(await page.locator('.problems').innerText(), /questions\[5\]\.options\[2\]/);
  await panel(page, 'Questions').click();
  await page.locator('[id="f:questions[5].options[2].ago.at_least"]').selectOption('');
  await page.locator('[id="f:questions[5].options[1].ago.less_than"]').selectOption('');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await panel(page, 'Raw JSON').click();
  assert.doesNotMatch(await page.locator('#raw').inputValue(), /"ago"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the published quiz's address, for the result's phone code, is checked like any link", async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Clinic and look').click();
  await page.getByLabel('Clinic name').fill('Sunrise Skin Clinic');
  const address = page.getByLabel('Address of your published quiz');
  await address.fill('https://clinic.example/quiz/#start');
  await panel(page, /^Problems \([1-9]/).click();
  assert.match(await page.locator('.problems').innerText(), /clinic\.quiz_url\s*: "https:\/\/clinic\.example\/quiz\/#start" must not contain #/);
  await panel(page, 'Clinic and look').click();
  await address.fill('https://clinic.example/quiz/');
  await page.getByRole('button', { name: 'Problems (0)' }).waitFor();
  await panel(page, 'Raw JSON').click();
  assert.equal(JSON.parse(await page.locator('#raw').inputValue()).clinic.quiz_url, 'https://clinic.example/quiz/');
  // The studio's preview offers no phone code: its page is not the quiz.
  await previewGoTo(page, 'result');
  await preview(page).getByRole('button', { name: 'Copy the summary' }).waitFor();
  assert.equal(await preview(page).getByRole('button', { name: 'Open on my phone' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft is kept on this device only when asked, reopens as it was left, and is discarded', async () => {
  const { context, page, errors } = await openStudio();
  await panel(page, 'Waiting times').click();
  await page.locator('[id="f:windows.isotretinoin.amount"]').fill('9');
  // Nothing is stored until the clinic asks.
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await panel(page, 'Changes').click();
  await page.getByRole('button', { name: 'Keep the draft on this device' }).click();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['candidacy-studio-draft']);
  await page.reload();
  await page.getByText('Editing protocols/microneedling.json').waitFor();
  await panel(page, 'Changes').click();
  await page.getByText('isotretinoin wait: 6 months → 9 months').waitFor();
  await page.getByRole('button', { name: 'Discard the kept draft' }).click();
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.reload();
  await page.getByRole('button', { name: 'Open the default protocol' }).waitFor();
  assert.equal(await page.getByText(/^Editing /).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
