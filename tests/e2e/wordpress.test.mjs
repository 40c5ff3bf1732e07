// The WordPress plugin, for real: the zip `cargo xtask wordpress` makes, installed in Debian's
// WordPress (PHP, MariaDB) set up afresh; activated; the settings page; a page with the block
// and one with the shortcode, each running a visitor's journey served by the clinic's own site;
// the studio on the settings page saving a protocol that the quiz then runs, and refusing a
// broken one.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SCREENSHOTS, answerQuestions, launch, plainAnswers, questionId, recordRequests, serveWordPress,
} from './harness.mjs';
import { buildPlugin } from '../../tools/wordpress-plugin.mjs';

const env = {};

before(async () => {
  const unpacked = mkdtempSync(join(tmpdir(), 'candidacy-plugin-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', buildPlugin(), unpacked]);
  env.wp = await serveWordPress({ plugins: [join(unpacked, 'candidacy-quiz')] });
  env.browser = await launch();
  env.admin = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  env.adminPage = await logIn(env.admin, env.wp.user, env.wp.password);
});

after(async () => {
  await env.browser?.close();
  await env.wp?.close();
});

/** A page of `context` logged in to WordPress's admin as `user`. */
async function logIn(context, user, password) {
  const page = await context.newPage();
  await page.goto(`${env.wp.origin}/wp-login.php`);
  await page.locator('#user_login').fill(user);
  await page.locator('#user_pass').fill(password);
  await page.locator('#wp-submit').click();
  await page.waitForURL(/\/wp-admin\//);
  return page;
}

/** The REST API's nonce for the user logged in on `page`. */
async function restNonce(page) {
  return (await page.request.get(`${env.wp.origin}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
}

/** A page published through WordPress's REST API, as the logged-in administrator. */
async function publish(title, content) {
  const page = env.adminPage;
  const nonce = await restNonce(page);
  const response = await page.request.post(`${env.wp.origin}/?rest_route=/wp/v2/pages`, {
    headers: { 'X-WP-Nonce': nonce },
    data: { title, content, status: 'publish' },
  });
  assert.equal(response.status(), 201, await response.text());
  return (await response.json()).id;
}

/** A visitor (not logged in) on a page of the site; every request is recorded. */
async function visit(pageId) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const requests = recordRequests(page);
  await page.goto(`${env.wp.origin}/?page_id=${pageId}`);
  return { context, page, errors, requests };
}

async function quizIn(page) {
  const frame = await (await page.waitForSelector('.candidacy-quiz iframe')).contentFrame();
  await frame.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  return frame;
}

test('the plugin activates and its settings page keeps the clinic\'s details', async () => {
  const page = env.adminPage;
  await page.goto(`${env.wp.origin}/wp-admin/plugins.php`);
  await page.getByRole('link', { name: 'Activate Candidacy Quiz' }).click();
  await page.getByText('Plugin activated.').waitFor();
  await page.goto(`${env.wp.origin}/wp-admin/options-general.php?page=candidacy-quiz`);
  await page.getByLabel('Clinic name').fill('Sunrise & "Sea" Skin Clinic');
  await page.getByLabel('Phone').fill('+1 555 0100');
  await page.getByLabel('Booking link').fill('https://sunrise.example/book');
  await page.getByLabel('Brand colour').fill('#6b2d5c');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByText('Settings saved.').waitFor();
  assert.equal(await page.getByLabel('Clinic name').inputValue(), 'Sunrise & "Sea" Skin Clinic');
  // A colour the quiz could not check is refused with a message, and the last one kept.
  await page.getByLabel('Brand colour').fill('red; background: url(x)');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await page.getByText('The brand colour must be written #rrggbb').waitFor();
  assert.equal(await page.getByLabel('Brand colour').inputValue(), '#6b2d5c');
});

test('a page with the block and one with the shortcode run the quiz from the clinic\'s own site', async () => {
  const blockPage = await publish('Am I a candidate?', '<!-- wp:candidacy-quiz/quiz {"lang":"es"} /-->');
  const shortcodePage = await publish('Microneedling', '[candidacy_quiz mode="popup" button_label="Am I a candidate?"]');

  const inline = await visit(blockPage);
  const html = await inline.page.content();
  assert.match(html, /data-clinic-name="Sunrise &amp; &quot;Sea&quot; Skin Clinic"/);
  const frame = await quizIn(inline.page);
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'es');
  await frame.locator('.screen.intro button').click();
  assert.equal(await answerQuestions(frame, plainAnswers()), 'review');
  await frame.locator('.screen.review button.primary').click();
  await frame.locator('.screen.result').waitFor();
  await inline.page.screenshot({ path: join(SCREENSHOTS, 'wordpress-block-page.png') });
  const result = await frame.locator('.screen.result').innerText();
  assert.match(result, /Sunrise & "Sea" Skin Clinic/);
  assert.equal(await frame.locator('.screen.result a[href="https://sunrise.example/book"]').count(), 1);
  assert.deepEqual(inline.requests.filter((url) => !url.startsWith(`${env.wp.origin}/`)), []);
  assert.ok(inline.requests.some((url) => url.includes('/wp-content/plugins/candidacy-quiz/quiz/embed.js')));
  assert.deepEqual(inline.errors, []);
  await inline.context.close();

  const popup = await visit(shortcodePage);
  await popup.page.getByRole('button', { name: 'Am I a candidate?' }).click();
  const dialogFrame = await quizIn(popup.page);
  assert.equal(await dialogFrame.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(popup.requests.filter((url) => !url.startsWith(`${env.wp.origin}/`)), []);
  await popup.context.close();
  env.shortcodePage = shortcodePage;
});

test('the studio on the settings page saves a protocol the quiz then runs, and a broken one is refused', async () => {
  const page = env.adminPage;
  const settings = `${env.wp.origin}/wp-admin/options-general.php?page=candidacy-quiz`;
  const openStudio = async () => {
    await page.goto(settings);
    await page.getByRole('button', { name: 'Open the studio' }).click();
    const studio = page.frameLocator('#candidacy-quiz-studio iframe');
    await studio.getByRole('heading', { name: 'Clinic and look' }).waitFor();
    return studio;
  };
  let studio = await openStudio();
  const panel = (name) => studio.getByRole('navigation', { name: 'Parts of the protocol' }).getByRole('button', { name });
  await panel('Waiting times').click();
  await studio.locator('[id="f:windows.isotretinoin.amount"]').fill('12');
  await panel('Publish').click();
  await page.screenshot({ path: join(SCREENSHOTS, 'wordpress-settings-studio.png') });
  await studio.getByRole('button', { name: 'Save to the site' }).click();
  await page.getByText('Your protocol was saved, and the quiz on your pages uses it.').waitFor();
  assert.equal(await page.getByLabel('Protocol').inputValue(), 'own');

  // A visitor's quiz runs it: the isotretinoin question names 12 months.
  const visitor = await visit(env.shortcodePage);
  await visitor.page.getByRole('button', { name: 'Am I a candidate?' }).click();
  const frame = await quizIn(visitor.page);
  await frame.locator('.screen.intro button').click();
  assert.equal(await answerQuestions(frame, plainAnswers(), { stopAt: 'isotretinoin' }), 'question');
  assert.equal(await questionId(frame), 'isotretinoin');
  await frame.getByText('Yes, I stopped in the last 12 months').waitFor();
  assert.deepEqual(visitor.requests.filter((url) => !url.startsWith(`${env.wp.origin}/`)), []);
  await visitor.context.close();

  // The studio opens the saved protocol again; a broken file cannot be saved from it.
  studio = await openStudio();
  await panel('Waiting times').click();
  assert.equal(await studio.locator('[id="f:windows.isotretinoin.amount"]').inputValue(), '12');
  const broken = readFileSync('static/protocols/microneedling.json', 'utf8').replace('"amount": 6,', '"amount": -6,');
  await studio.getByLabel('A file from this computer').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken),
  });
  await panel('Problems (1)').click();
  await panel('Publish').click();
  assert.equal(await studio.getByRole('button', { name: 'Save to the site' }).isDisabled(), true);
  // And the server takes only well-formed JSON, whatever the page is sent.
  const studioFrame = page.frames().find((f) => f.url().includes('/studio/'));
  await studioFrame.evaluate(() => parent.postMessage(JSON.stringify({ save: '{"format": 1,' }), location.origin));
  await page.getByText('The protocol was not saved: what arrived is not a JSON object.').waitFor();
  assert.equal(await page.getByLabel('Protocol').inputValue(), 'own');
});

test('the block and the shortcode escape what they are given', async () => {
  const hostile = await publish('Hostile', '[candidacy_quiz mode="popup" button_label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"]');
  const { context, page, errors } = await visit(hostile);
  const host = page.locator('.candidacy-quiz');
  await host.waitFor({ state: 'attached' });
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  // The popup's button says the label as text (embed.js sets it with textContent).
  const opener = host.locator('button').first();
  await opener.waitFor();
  assert.equal(await opener.textContent(), '"><img src=x onerror=alert(1)>');
  assert.deepEqual(errors, []);
  await context.close();
  const log = (() => { try { return readFileSync(env.wp.debugLog, 'utf8'); } catch { return ''; } })();
  // WordPress 6.1 itself is noisy on PHP 8.2; none of it may come from the plugin.
  assert.deepEqual(log.split('\n').filter((line) => line.includes('/plugins/candidacy-quiz/')), []);
});

test('an author, who may not post scripts or frames, still puts the quiz on a post with the block', async () => {
  const admin = env.adminPage;
  const nonce = await restNonce(admin);
  const created = await admin.request.post(`${env.wp.origin}/?rest_route=/wp/v2/users`, {
    headers: { 'X-WP-Nonce': nonce },
    data: { username: 'author', email: 'author@sunrise.example', password: 'another long password 2', roles: ['author'] },
  });
  assert.equal(created.status(), 201, await created.text());

  const context = await env.browser.newContext();
  const page = await logIn(context, 'author', 'another long password 2');
  const authorNonce = await restNonce(page);
  const content = '<!-- wp:candidacy-quiz/quiz {"mode":"popup","buttonLabel":"Check if it suits you"} /-->'
    + '<p>Book after the quiz.</p><script>document.title = "hijacked"</script><iframe src="https://elsewhere.example/"></iframe>';
  const post = await page.request.post(`${env.wp.origin}/?rest_route=/wp/v2/posts`, {
    headers: { 'X-WP-Nonce': authorNonce },
    data: { title: 'Our microneedling', content, status: 'publish' },
  });
  assert.equal(post.status(), 201, await post.text());
  const { id } = await post.json();
  await context.close();

  const visitor = await env.browser.newContext();
  const reader = await visitor.newPage();
  const requests = recordRequests(reader);
  await reader.goto(`${env.wp.origin}/?p=${id}`);
  await reader.getByRole('button', { name: 'Check if it suits you' }).click();
  await quizIn(reader);
  // What the author typed as a script or a frame was removed by WordPress; the quiz's frame is the plugin's.
  assert.notEqual(await reader.title(), 'hijacked');
  assert.deepEqual(await reader.locator('iframe').evaluateAll((frames) => frames.map((f) => new URL(f.src).pathname)),
    ['/wp-content/plugins/candidacy-quiz/quiz/index.html']);
  assert.deepEqual(requests.filter((url) => !url.startsWith(`${env.wp.origin}/`)), []);
  await visitor.close();
});
