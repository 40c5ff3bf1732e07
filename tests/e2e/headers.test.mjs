// The recommended headers for static hosts, proven on real servers: Debian's nginx running the
// example configuration in examples/nginx, and Debian's Apache and Caddy running
// examples/apache and examples/caddy, which must send every file exactly what nginx sends. Also
// what a host is asked to do: serve the precompressed files, the right types, and long caching
// only for files with a hash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST, builtNames, siteAndBrowser, serveWithApache, serveWithCaddy, serveWithNginx, startQuiz, answerQuestions,
  plainAnswers,
} from './harness.mjs';

const env = siteAndBrowser(serveWithNginx);

const builtFile = (pattern) => readFileSync(join(DIST, 'index.html'), 'utf8').match(pattern)[1];
const metaPolicy = () => builtFile(/http-equiv="Content-Security-Policy" content="([^"]+)"/);

async function head(path, headers = {}) {
  const response = await fetch(`${env.site.origin}${path}`, { headers });
  await response.arrayBuffer();
  return response.headers;
}

test('every response carries the policy, no referrer, nosniff; the policy is the page\'s own plus frame-ancestors', async () => {
  const { wasm } = builtNames();
  for (const path of ['/', '/embed.js', `/${wasm}`, '/manifest.webmanifest', '/missing']) {
    const headers = await head(path);
    assert.equal(headers.get('content-security-policy'), `${metaPolicy()}; frame-ancestors *`, path);
    assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('cross-origin-opener-policy'), 'same-origin', path);
    assert.match(headers.get('permissions-policy'), /camera=\(\)/, path);
  }
});

test('types, precompressed brotli and gzip, and caching by name', async () => {
  const { wasm, glue } = builtNames();
  const brotli = await head(`/${wasm}`, { 'accept-encoding': 'br, gzip' });
  assert.equal(brotli.get('content-type'), 'application/wasm');
  assert.equal(brotli.get('content-encoding'), 'br');
  assert.equal(Number(brotli.get('content-length')), readFileSync(join(DIST, `${wasm}.br`)).length);
  assert.equal(brotli.get('cache-control'), 'public, max-age=31536000, immutable');
  const gzip = await head(`/${glue}`, { 'accept-encoding': 'gzip' });
  assert.equal(gzip.get('content-encoding'), 'gzip');
  assert.equal(gzip.get('content-type'), 'application/javascript');
  for (const path of ['/', '/embed.js', '/sw.js', '/manifest.webmanifest']) {
    assert.equal((await head(path)).get('cache-control'), 'no-cache', path);
  }
  assert.equal((await head('/manifest.webmanifest')).get('content-type'), 'application/manifest+json');
});

/** A `_headers` file's rules, in order: each path pattern with its headers (names in lower case). */
function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (line.startsWith('/')) rules.push({ path: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      assert.ok(rules.length && at > 0 && /^\s/.test(line), `a header line under a path: ${line}`);
      rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** Netlify's and Cloudflare Pages' match: the whole path, `*` standing for anything. */
const matches = (pattern, path) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);

const builtFiles = (dir, prefix = '') => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory()
  ? builtFiles(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));

test('the build\'s _headers (Netlify, Cloudflare Pages) gives every file exactly the headers nginx sends', async () => {
  const rules = parseHeadersFile(readFileSync(join(DIST, '_headers'), 'utf8'));
  const paths = ['/', ...builtFiles(DIST).filter((f) => !/\.(br|gz)$/.test(f) && f !== '_headers').map((f) => `/${f}`)];
  assert.ok(paths.length >= 15, `${paths.length} files`);
  for (const path of paths) {
    const given = {};
    for (const rule of rules.filter((r) => matches(r.path, path))) {
      for (const [name, value] of rule.headers) {
        // Both hosts join a header that two matching rules set: none may.
        assert.equal(given[name], undefined, `${path}: ${name} set by two rules`);
        given[name] = value;
      }
    }
    const nginx = await head(path);
    for (const name of ['content-security-policy', 'referrer-policy', 'x-content-type-options', 'permissions-policy',
      'cross-origin-opener-policy', 'cache-control']) {
      assert.equal(given[name], nginx.get(name), `${path}: ${name}`);
    }
  }
});

test('behind nginx, a whole journey runs with no policy violation or error', () => journeyWithoutViolations(env.site.origin));

/** A clinic page on its own origin with the widget snippet; `quizOrigin` is set later. */
async function clinicPage() {
  const clinic = { quizOrigin: '' };
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!DOCTYPE html><html lang="en"><title>Clinic</title>
<div id="quiz" data-candidacy-quiz></div><script src="${clinic.quizOrigin}/embed.js"></script>`);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  clinic.origin = `http://localhost:${server.address().port}`;
  clinic.close = () => new Promise((done) => server.close(done));
  return clinic;
}

test('frame-ancestors lets a clinic restrict embedding to its own pages', async () => {
  const own = await clinicPage();
  const stranger = await clinicPage();
  const restricted = await serveWithNginx(DIST, { frameAncestors: own.origin });
  own.quizOrigin = restricted.origin;
  stranger.quizOrigin = restricted.origin;
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${own.origin}/`);
    const frame = await (await page.waitForSelector('#quiz iframe')).contentFrame();
    await frame.locator('.quiz:not(.prerendered) .screen.intro').waitFor();

    await page.goto(`${stranger.origin}/`);
    const refused = await (await page.waitForSelector('#quiz iframe')).contentFrame();
    for (let waited = 0; waited < 5000 && !refused.url().startsWith('chrome-error:'); waited += 100) {
      await page.waitForTimeout(100);
    }
    assert.match(refused.url(), /^chrome-error:/, 'the browser refused to show the quiz there');
    assert.equal(await refused.locator('.screen').count(), 0);
  } finally {
    await context.close();
    await own.close();
    await stranger.close();
    await restricted.close();
  }
});

const SECURITY_HEADERS = ['content-security-policy', 'referrer-policy', 'x-content-type-options', 'permissions-policy',
  'cross-origin-opener-policy', 'cache-control'];
/** The media type; `application/javascript` (nginx, Apache) and `text/javascript` (Caddy; RFC 9239's choice) are one. */
const mediaType = (headers) => (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  .replace('application/javascript', 'text/javascript');

/** A journey with no policy violation or error, on the site at `origin`. */
async function journeyWithoutViolations(origin) {
  const { context, page, errors } = await startQuiz(env.browser, origin);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  assert.equal(await answerQuestions(page, plainAnswers()), 'review');
  await page.locator('.screen.review button.primary').click();
  await page.locator('.screen.result').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
}

for (const [name, start] of [['Apache', serveWithApache], ['Caddy', serveWithCaddy]]) {
  test(`${name} with its example file sends every file what nginx sends, precompressed, and a journey runs`, async () => {
    const server = await start();
    try {
      const paths = ['/', '/missing', ...builtFiles(DIST).filter((f) => !/\.(br|gz)$/.test(f) && f !== '_headers').map((f) => `/${f}`)];
      for (const path of paths) {
        for (const encoding of ['br, gzip', 'gzip', 'identity']) {
          const ask = (origin) => fetch(`${origin}${path}`, { headers: { 'accept-encoding': encoding } });
          const [theirs, nginx] = await Promise.all([ask(server.origin), ask(env.site.origin)]);
          const [body, expected] = await Promise.all([theirs.arrayBuffer(), nginx.arrayBuffer()]);
          const where = `${name} ${path} (accept-encoding: ${encoding})`;
          assert.equal(theirs.status, nginx.status, where);
          for (const header of SECURITY_HEADERS) assert.equal(theirs.headers.get(header), nginx.headers.get(header), `${where}: ${header}`);
          if (nginx.status !== 200) continue;
          assert.equal(mediaType(theirs.headers), mediaType(nginx.headers), `${where}: content-type`);
          // The same content once decoded, and the build's own compressed copy where there is one.
          assert.ok(Buffer.from(body).equals(Buffer.from(expected)), `${where}: body`);
          const file = join(DIST, path === '/' ? 'index.html' : path.slice(1));
          const copy = encoding === 'br, gzip' ? 'br' : encoding === 'gzip' ? 'gzip' : null;
          if (copy && existsSync(`${file}.${copy === 'br' ? 'br' : 'gz'}`)) {
            assert.equal(theirs.headers.get('content-encoding'), copy, `${where}: content-encoding`);
          }
          if (encoding === 'identity') assert.equal(theirs.headers.get('content-encoding'), null, `${where}: content-encoding`);
        }
      }
      await journeyWithoutViolations(server.origin);
    } finally {
      await server.close();
    }
  });
}
