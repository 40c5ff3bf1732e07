// Shared pieces of the end-to-end tests: a static server for the built site on 127.0.0.1,
// Debian's Chromium driven by playwright-core, and axe for accessibility.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export const DIST = resolve(process.env.CANDIDACY_DIST ?? 'dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The built site's hashed file names: `css`, `glue`, `wasm`, `start` and `early`. */
export function builtNames(dist = DIST) {
  const names = readdirSync(dist);
  const find = (pattern) => names.find((name) => pattern.test(name));
  return {
    css: find(/^app-[0-9a-f]{1,16}\.css$/),
    glue: find(/^candidacy-quiz-[0-9a-f]{1,16}\.js$/),
    wasm: find(/^candidacy-quiz-[0-9a-f]{1,16}_bg\.wasm$/),
    start: find(/^start-[0-9a-f]{1,16}\.js$/),
    early: find(/^early-[0-9a-f]{1,16}\.js$/),
  };
}
export const SCREENSHOTS = resolve('target/screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `root` on 127.0.0.1 at a free port, like any static host, under `prefix`. */
export async function serve(root = DIST, prefix = '/') {
  const server = createServer(async (request, response) => {
    const full = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (!full.startsWith(prefix)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const path = `/${full.slice(prefix.length)}`;
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) };
}

async function freePort() {
  const probe = createTcpServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/**
 * Serves `root` with Debian's nginx behind the example configuration (examples/nginx), changed
 * only in where it listens, what it serves and, when given, who may frame the quiz.
 */
export async function serveWithNginx(root = DIST, { frameAncestors } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-nginx-'));
  const port = await freePort();
  let site = readFileSync(resolve('examples/nginx/candidacy-quiz.conf'), 'utf8')
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/root [^;]+;/, `root ${root};`);
  if (frameAncestors) site = site.replace(/default "\*";/, `default "${frameAncestors}";`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join('\n  ');
  writeFileSync(join(dir, 'nginx.conf'), `load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  ${temp}
${site}
}
`);
  return runServer('nginx', '/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', join(dir, 'error.log')], {
    port, log: join(dir, 'error.log'), stop: 'SIGQUIT',
  });
}

/**
 * Starts a server program and waits until it accepts connections on `port`; its `close` stops
 * it. A server that exits or never listens fails with what it said.
 */
async function runServer(name, program, args, { port, log, stop = 'SIGTERM', env = process.env }) {
  // A group of its own, stopped whole: PHP's server and Apache run workers beside themselves.
  const server = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  let said = '';
  server.stdout.on('data', (chunk) => { said += chunk; });
  server.stderr.on('data', (chunk) => { said += chunk; });
  const exited = new Promise((done) => server.on('exit', done));
  for (let tries = 0; ; tries += 1) {
    const up = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); done(true); });
      socket.on('error', () => done(false));
    });
    if (up) break;
    if (server.exitCode !== null || tries > 200) {
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
      let logged = '';
      try { logged = log ? readFileSync(log, 'utf8') : ''; } catch { /* not written */ }
      throw new Error(`${name} did not start: ${said}${logged}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      try { process.kill(-server.pid, stop); } catch { /* already gone */ }
      await exited;
    },
  };
}

/**
 * Serves `root` with Debian's Apache behind the example site (examples/apache), changed only in
 * where it listens and what it serves, with the modules Debian's `a2enmod` would enable.
 */
export async function serveWithApache(root = DIST) {
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-apache-'));
  const port = await freePort();
  const site = readFileSync(resolve('examples/apache/candidacy-quiz.conf'), 'utf8')
    .replace('<VirtualHost *:80>', `<VirtualHost 127.0.0.1:${port}>`)
    .replaceAll('/var/www/candidacy-quiz', root);
  const modules = ['mpm_event', 'authz_core', 'dir', 'mime', 'headers', 'rewrite', 'deflate', 'filter', 'setenvif']
    .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
  writeFileSync(join(dir, 'apache2.conf'), `${modules}
ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${join(dir, 'apache2.pid')}
ErrorLog ${join(dir, 'error.log')}
DefaultRuntimeDir ${dir}
User www-data
Group www-data
TypesConfig /etc/mime.types
<Directory />
    AllowOverride None
    Require all denied
</Directory>
${site}
`);
  return runServer('apache2', '/usr/sbin/apache2', ['-f', join(dir, 'apache2.conf'), '-DFOREGROUND'], {
    port, log: join(dir, 'error.log'),
  });
}

/**
 * Serves `root` with Debian's Caddy behind the example Caddyfile (examples/caddy), changed only
 * in its address (plain HTTP on loopback) and what it serves.
 */
export async function serveWithCaddy(root = DIST) {
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-caddy-'));
  const port = await freePort();
  const site = readFileSync(resolve('examples/caddy/Caddyfile'), 'utf8')
    .replace('quiz.example-clinic.com {', `http://127.0.0.1:${port} {`)
    .replace(/root \* \S+/, `root * ${root}`);
  writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n}\n\n${site}`);
  return runServer('caddy', '/usr/bin/caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    port, env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
}

/**
 * Serves the built site and starts Chromium for the tests of one file, closing both at the end:
 * `env.site.origin` and `env.browser` once the tests run.
 */
export function siteAndBrowser(server = serve) {
  const env = {};
  before(async () => {
    env.site = await server();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/** Debian's Chromium, headless, with the flags that keep it quiet on a machine without internet. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every request the page makes, to check that nothing leaves the site's own origin. */
export function recordRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

const AXE_SOURCE = resolve('node_modules/axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Runs axe with the WCAG 2.2 AA tags and returns the violations, summarised for a message. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol rather than added as a script tag, which the quiz's
  // own Content-Security-Policy rightly refuses.
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
    WCAG_TAGS,
  );
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The local date as YYYY-MM-DD (the quiz's "today"). */
export function localToday(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An answer set with nothing of note, in the answers-file format. */
export function plainAnswers(changes = {}) {
  return {
    age: 'adult', pregnancy: 'no', skin_cancer: 'no', bleeding: 'no', blood_thinners: 'no',
    isotretinoin: 'never', radiation: 'no', healing: 'no', keloids: 'no', allergies: ['none'],
    active_skin: ['none'], cold_sores: 'no', recent_treatments: ['none'], topicals: ['none'],
    nsaids: 'no', skin_type: 'iii', concerns: ['acne_scars'], severity: 'moderate', areas: ['face'],
    start: 'asap', ...changes,
  };
}

function normalise(answer) {
  if (typeof answer === 'string') return { options: [answer] };
  if (Array.isArray(answer)) return { options: answer };
  return { options: [answer.option], date: answer.date };
}

/** The kind of screen shown: intro, question, early, review or result. */
export async function screenKind(page) {
  const classes = (await page.locator('.screen').first().getAttribute('class')) ?? '';
  return ['intro', 'question', 'early', 'review', 'result'].find((kind) => classes.split(' ').includes(kind));
}

/** The id of the question on screen. */
export function questionId(page) {
  return page.locator('fieldset input').first().getAttribute('name');
}

/** Sets the answer of the question on screen, by clicking like a visitor. */
export async function setAnswer(page, name, answer) {
  const { options, date } = normalise(answer);
  for (const input of await page.locator(`fieldset input[name="${name}"]`).all()) {
    const want = options.includes(await input.getAttribute('value'));
    // A radio button is unchecked by checking another one.
    const radio = (await input.getAttribute('type')) === 'radio';
    if ((await input.isChecked()) !== want && (want || !radio)) await (want ? input.check() : input.uncheck());
  }
  if (date) await page.locator(`#date-${name}`).fill(date);
}

/** Presses Next and waits for the next screen, or for a problem to be shown. */
export async function pressNext(page) {
  const before = await page.evaluate(() => document.querySelector('#step-heading')?.textContent);
  await page.locator('button[type=submit]').click();
  await page.waitForFunction(
    (heading) => document.querySelector('#step-heading')?.textContent !== heading || document.querySelector('.error'),
    before,
  );
}

/**
 * Answers questions from the current one on, until a screen that is not a question (or the
 * question `stopAt`). Returns the kind of screen reached.
 */
export async function answerQuestions(page, answers, { stopAt } = {}) {
  for (let guard = 0; guard < 60; guard += 1) {
    const kind = await screenKind(page);
    if (kind !== 'question') return kind;
    const name = await questionId(page);
    if (name === stopAt) return kind;
    if (!(name in answers)) throw new Error(`no answer for question ${name}`);
    await setAnswer(page, name, answers[name]);
    await pressNext(page);
    if (await page.locator('.error').count()) {
      throw new Error(`question ${name}: ${await page.locator('.error').innerText()}`);
    }
  }
  throw new Error('the quiz did not end');
}

/** The `candidacy` command the tests run (`cargo build` makes it). */
export const CANDIDACY = process.env.CANDIDACY_BIN ?? resolve('target/debug/candidacy');

/**
 * `candidacy assess` for the same answers: what the page must agree with. `protocol` is a
 * protocol file's path; the default protocol without it.
 */
export function assessWithCli(answers, today = localToday(), { protocol, lang } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-e2e-'));
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const args = ['assess', '--answers', file, '--today', today];
  if (protocol) args.push('--protocol', protocol);
  if (lang) args.push('--lang', lang);
  return JSON.parse(execFileSync(CANDIDACY, args, { encoding: 'utf8' }));
}

/**
 * Opens the quiz at `origin` + `path` in a new context (`init` runs first in its pages), records
 * the page's errors and every request it makes, and presses Start.
 */
export async function startQuiz(browser, origin, contextOptions = {}, path = '/', init) {
  const context = await browser.newContext(contextOptions);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const requests = recordRequests(page);
  await page.goto(`${origin}${path}`);
  await page.locator('.quiz:not(.prerendered) .screen.intro').waitFor();
  await page.locator('.quiz:not(.prerendered) .screen.intro button').click();
  await page.locator('.screen.question').waitFor();
  return { context, page, errors, requests };
}

/** `startQuiz`, then every question answered with `answers`, through the review to the result. */
export async function reachResult(browser, origin, answers, contextOptions = {}, path = '/', init) {
  const started = await startQuiz(browser, origin, contextOptions, path, init);
  const reached = await answerQuestions(started.page, answers);
  if (reached !== 'review') throw new Error(`the answers stopped at ${reached}, not at the review`);
  await started.page.locator('.screen.review button.primary').click();
  await started.page.locator('.screen.result').waitFor();
  return started;
}

/**
 * The text of the QR code `locator` shows, read from a screenshot by an independent decoder
 * (jsQR), or `undefined` when it reads none.
 */
export async function readQrCode(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** The session dates the result screen shows, as YYYY-MM-DD. */
export function shownDates(page) {
  return page.locator('.schedule time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));
}

/**
 * Debian's WordPress (with its PHP and MariaDB) on 127.0.0.1, installed afresh in a folder of
 * its own: a throwaway database, the site installed through its own installer, the Twenty
 * Twenty-Three theme, and `plugins` (folders) in wp-content/plugins. PHP's built-in server
 * serves it. `close` stops PHP and the database.
 */
export async function serveWordPress({ plugins = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'candidacy-wordpress-'));
  const [dbPort, port] = [await freePort(), await freePort()];
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'db')}`, '--user=root', '--skip-test-db',
    '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
  const database = await runServer('mariadbd', '/usr/sbin/mariadbd', ['--no-defaults', `--datadir=${join(dir, 'db')}`,
    `--socket=${join(dir, 'mysql.sock')}`, `--port=${dbPort}`, '--bind-address=127.0.0.1', '--user=root',
    '--skip-grant-tables', `--pid-file=${join(dir, 'mariadb.pid')}`], { port: dbPort });
  execFileSync('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${dbPort}`, '-e', 'CREATE DATABASE wordpress']);
  const site = join(dir, 'wordpress');
  execFileSync('cp', ['-a', '/usr/share/wordpress', site]);
  const content = join(site, 'wp-content');
  for (const plugin of plugins) execFileSync('cp', ['-a', plugin, join(content, 'plugins')]);
  const origin = `http://127.0.0.1:${port}`;
  writeFileSync(join(site, 'wp-config.php'), `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:${dbPort}');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '${origin}');
define('WP_SITEURL', '${origin}');
define('WP_CONTENT_DIR', '${content}');
define('WP_CONTENT_URL', '${origin}/wp-content');
define('FS_METHOD', 'direct');
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${join(dir, 'debug.log')}');
define('AUTH_KEY', 'test'); define('SECURE_AUTH_KEY', 'test'); define('LOGGED_IN_KEY', 'test'); define('NONCE_KEY', 'test');
define('AUTH_SALT', 'test'); define('SECURE_AUTH_SALT', 'test'); define('LOGGED_IN_SALT', 'test'); define('NONCE_SALT', 'test');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  const php = await runServer('php', '/usr/bin/php', ['-S', `127.0.0.1:${port}`, '-t', site], {
    port, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  const form = new URLSearchParams({
    weblog_title: 'Sunrise Skin Clinic', user_name: 'admin', admin_password: 'a long test password 1',
    admin_password2: 'a long test password 1', pw_weak: '1', admin_email: 'admin@sunrise.example', blog_public: '0',
  });
  const installed = await fetch(`${origin}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const said = await installed.text();
  if (!/Success!/.test(said)) throw new Error(`WordPress did not install: ${said.slice(0, 2000)}`);
  return {
    origin,
    user: 'admin',
    password: 'a long test password 1',
    debugLog: join(dir, 'debug.log'),
    close: async () => { await php.close(); await database.close(); },
  };
}
