// Trunk post-build hook (see Trunk.toml): turns Trunk's page into one that runs under a strict
// Content-Security-Policy and degrades with a message.
//
// - Trunk's inline start-up script becomes `start-<hash>.js` (no 'unsafe-inline' needed).
// - The page gets its Content-Security-Policy as a <meta> tag (the headers a host should also
//   send are in the README).
// - The first screen is rendered into the page by the app's own components (prerender).
// - The fallback message gets the clinic's contact details from the page's protocol (the default,
//   or the treatment CANDIDACY_PROTOCOL names).
// - sw.js gets the list of files to keep for offline use; the kiosk file is written.
// - wasm-bindgen's glue and the start-up script are minified (terser), the stylesheet too
//   (lightningcss).
// - Every text and wasm file gets .br and .gz copies for hosts that serve them.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform as transformCss } from 'lightningcss';
import { minify } from 'terser';
import { CSP } from './csp.mjs';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const root = new URL('..', import.meta.url).pathname;



// The clinic's studio, a page of its own with its own wasm, built into this site's studio/
// (studio/Trunk.toml). Built first, so that the lists below (compressed copies, _headers) have
// its files; the service worker leaves them out of the visitor's precache.
{
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TRUNK_')));
  const args = ['build', '--config', 'studio/Trunk.toml', '--dist', join(stage, 'studio')];
  if (process.env.TRUNK_PROFILE === 'release') args.splice(1, 0, '--release');
  execFileSync('trunk', args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const indexPath = join(stage, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const glue = /import init, \* as bindings from '\.\/([^']+\.js)'/.exec(html)?.[1];
const wasm = /module_or_path: '\.\/([^']+\.wasm)'/.exec(html)?.[1];
if (!glue || !wasm) throw new Error("Trunk's start-up script was not found in index.html");

// Trunk 0.21 cannot minify wasm-bindgen's glue (it warns and leaves it as it is): terser does,
// and the start-up script with it (glue 8,296 → 6,397 B gzip, start 2,310 → 1,016). The kiosk
// inlines the glue as written, since it calls the glue's own names.
const minified = async (source) => (await minify(source, { module: true, compress: true, mangle: true })).code;
const glueSource = readFileSync(join(stage, glue), 'utf8');
writeFileSync(join(stage, glue), await minified(glueSource));
const start = await minified(readFileSync(join(root, 'tools/start.js'), 'utf8').replace('__GLUE__', glue).replace('__WASM__', wasm));
const startName = `start-${hash(start)}.js`;
writeFileSync(join(stage, startName), start);
// A plain script that runs before the first screen is painted, so that no tap on it is lost.
const earlySource = readFileSync(join(root, 'tools/early.js'), 'utf8');
const early = (await minify(earlySource, { compress: true, mangle: true })).code;
const earlyName = `early-${hash(early)}.js`;
writeFileSync(join(stage, earlyName), early);

// Trunk's inline script and its preloads (whose integrity attributes Chromium ignores for
// preloads) give way to the start file and plain preloads.
html = html.replace(/<script type="module">[\s\S]*?<\/script>\s*/, '');
html = html.replace(/<link rel="modulepreload"[^>]*>/, '').replace(/<link rel="preload"[^>]*>/, '');
// No preload for the wasm: it would compete with the first screen for the network, and the
// first screen is in the HTML. start.js asks for it once that screen is painted.
const head = [
  `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
  `<script src="./${earlyName}"></script>`,
  `<link rel="modulepreload" href="./${glue}">`,
  `<script type="module" src="./${startName}"></script>`,
].join('\n  ');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${head}`);

// Trunk leaves the stylesheet as written: lightningcss minifies it (3,077 → 2,554 B gzip), and
// its link's integrity is computed again.
{
  const name = /href="\.\/(app-[^"]+\.css)"/.exec(html)?.[1];
  if (!name) throw new Error("Trunk's stylesheet link was not found in index.html");
  const { code } = transformCss({ filename: name, code: readFileSync(join(stage, name)), minify: true });
  writeFileSync(join(stage, name), code);
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  html = html.replace(/(href="\.\/app-[^"]+\.css") integrity="[^"]*"/, `$1 integrity="${integrity}"`);
}

// The treatment the page carries and prerenders, and the kiosk file runs: the default, or the
// shipped treatment named by CANDIDACY_PROTOCOL (`cargo xtask build --protocol rf-microneedling`;
// README, "Treatments"). Every shipped treatment is in protocols/ beside it either way.
const TREATMENT = process.env.CANDIDACY_PROTOCOL || 'microneedling';
if (!/^[a-z0-9-]+$/.test(TREATMENT) || !existsSync(join(root, 'static/protocols', `${TREATMENT}.json`))) {
  const shipped = readdirSync(join(root, 'static/protocols')).map((f) => f.replace(/\.json$/, ''));
  throw new Error(`CANDIDACY_PROTOCOL="${TREATMENT}" is not a shipped treatment; one of: ${shipped.join(', ')}`);
}
const PROTOCOL = `static/protocols/${TREATMENT}.json`;
const protocolText = readFileSync(join(root, PROTOCOL), 'utf8');
const protocol = JSON.parse(protocolText);
const clinic = protocol.clinic;
let contact = '';
if (clinic) {
  const parts = [`<strong>${escapeHtml(clinic.name)}</strong>`];
  if (clinic.phone) parts.push(`<a href="tel:${escapeHtml(clinic.phone.replace(/\s/g, ''))}">${escapeHtml(clinic.phone)}</a>`);
  if (clinic.email) parts.push(`<a href="mailto:${escapeHtml(clinic.email)}">${escapeHtml(clinic.email)}</a>`);
  if (clinic.booking_url && /^(https?:|tel:|mailto:)/i.test(clinic.booking_url)) {
    parts.push(`<a href="${escapeHtml(clinic.booking_url)}">${escapeHtml(clinic.booking_url)}</a>`);
  }
  contact = `<p class="fallback-clinic">${parts.join(' · ')}</p>`;
}
// The first screen, rendered by the app's own components (Yew's server-side rendering), in the
// page's language: it paints before the WebAssembly arrives, and stands in for the app's own
// screen until the visitor acts on it (src/app/stand_in.rs).
const language = /<html lang="([^"]+)"/.exec(html)?.[1];
if (!language) throw new Error('index.html needs <html lang="…">: the language the first screen is prerendered in');
const out = mkdtempSync(join(tmpdir(), 'prerender-'));
const output = (name) => readFileSync(join(out, name), 'utf8');
const themePath = join(out, 'theme.css');
const prerendered = execFileSync('cargo', [
  'run', '--quiet', '--features', 'ssr', '--bin', 'prerender', '--', PROTOCOL, language, out,
], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
  // Marked, so that start.js and tests can tell it from the live app.
  .replace('class="quiz"', 'class="quiz prerendered"');
if (!prerendered.includes('class="quiz prerendered"')) throw new Error('prerender: no .quiz element in its output');
if (!html.includes('<!-- prerendered -->')) throw new Error('index.html lacks <!-- prerendered -->');
html = html.replace('<!-- prerendered -->', prerendered);
// A theme in the default protocol: its colours, font and radius for the prerendered screen, in
// a stylesheet of its own (a strict Content-Security-Policy refuses inline styles), so that the
// app, which sets the same properties, changes nothing when it takes over.
let themeCss = '';
if (existsSync(themePath)) {
  themeCss = readFileSync(themePath, 'utf8');
  const themeName = `theme-${hash(themeCss)}.css`;
  writeFileSync(join(stage, themeName), themeCss);
  const appCss = /<link rel="stylesheet" href="\.\/app-[^"]+\.css"[^>]*>/.exec(html);
  if (!appCss) throw new Error("Trunk's stylesheet link was not found in index.html");
  html = html.replace(appCss[0], `${appCss[0]}\n  <link rel="stylesheet" href="./${themeName}">`);
}

// The protocol the app runs, in the page: the default one in the page's language (prerender
// wrote it, its review checked), so the first question needs no fetch and no other language's
// texts; the complete file (without a review that no longer covers it), for a visitor who picks
// another language, beside it. Likewise the interface's words: the wasm has English, the page
// its own language's (when not English), a file the others'. Data blocks, which the
// Content-Security-Policy does not treat as scripts; a `<` is written as `\u003c` so that no
// text can close the element.
const written = (json) => json.replace(/</g, '\\u003c');
const complete = output('complete.json');
const completeName = `protocol-${hash(complete)}.json`;
writeFileSync(join(stage, completeName), complete);
const words = output('words.json');
const wordsName = `words-${hash(words)}.json`;
writeFileSync(join(stage, wordsName), words);
const dataBlocks = (protocolJson, wordsJson) => [
  `<script type="application/json" id="protocol-data" data-complete="./${completeName}">${written(protocolJson)}</script>`,
  `<script type="application/json" id="interface-words" data-src="./${wordsName}">${written(wordsJson)}</script>`,
].join('\n');
const pageData = dataBlocks(output('data.json'), output('page-words.json'));
html = html.replace('</body>', `${pageData}\n</body>`);
rmSync(out, { recursive: true });

// The QR encoder for the result's code (qr/), a WebAssembly module of its own that the quiz
// fetches only when a visitor asks for a code (tools/start.js): not part of the first load.
// Its address is on #app; the kiosk file carries the module itself there, as a data: address.
execFileSync('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '-p', 'candidacy-qr'], { stdio: 'inherit' });
const qrPath = join(stage, 'qr.wasm');
execFileSync(join(root, 'node_modules/.bin/wasm-opt'), [
  join(root, 'target/wasm32-unknown-unknown/release/candidacy_qr.wasm'),
  '-Oz', '--strip-debug', '--strip-producers', '-o', qrPath,
], { stdio: 'inherit' });
const qrBytes = readFileSync(qrPath);
rmSync(qrPath);
const qrName = `qr-${hash(qrBytes)}.wasm`;
writeFileSync(join(stage, qrName), qrBytes);
if (!html.includes('<main id="app">')) throw new Error('index.html lacks <main id="app">');
html = html.replace('<main id="app">', `<main id="app" data-qr="./${qrName}">`);

if (!html.includes('<!-- clinic-contact -->')) throw new Error('index.html lacks <!-- clinic-contact -->');
html = html.replaceAll('<!-- clinic-contact -->', contact);
writeFileSync(indexPath, html);

// The service worker's precache list: every file of the built site, by its real name.
const files = (dir, prefix = '') => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path, `${prefix}${name}/`) : [`${prefix}${name}`];
});
const precache = ['./', ...files(stage).filter((f) => f !== 'sw.js' && !f.startsWith('kiosk/') && !f.startsWith('studio/')).sort().map((f) => `./${f}`)];
const version = hash(precache.join('\n') + precache.map((f) => (f === './' ? '' : readFileSync(join(stage, f)).length)).join());
const sw = readFileSync(join(root, 'tools/sw.js'), 'utf8')
  .replace('__CACHE__', `candidacy-${version}`)
  .replace('__PRECACHE__', JSON.stringify(precache, null, 2));
writeFileSync(join(stage, 'sw.js'), sw);

// The kiosk build: one self-contained HTML file (CSS, JavaScript, WebAssembly and the default
// protocol inside) that runs when opened from a USB stick by double-click.
const css = readFileSync(join(stage, /href="\.\/(app-[^"]+\.css)"/.exec(html)[1]), 'utf8');
const kioskGlue = glueSource.replace(/^export \{[^}]*\};?\s*$/m, '');
const wasmBase64 = readFileSync(join(stage, wasm)).toString('base64');
let kiosk = readFileSync(indexPath, 'utf8')
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '')
  .replace(/<link rel="(modulepreload|preload|manifest|stylesheet)"[^>]*>\s*/g, '')
  .replace(/<script type="module" src="[^"]+"><\/script>\s*/, '')
  .replace(/<script src="\.\/early-[^"]+"><\/script>\s*/, () => `<script>${early}</script>\n  `)
  .replace('</head>', `<style>${css}${themeCss}</style>\n</head>`)
  // Every language: the kiosk file fetches nothing.
  .replace(pageData, () => dataBlocks(complete, words))
  .replace(`data-qr="./${qrName}"`, () => `data-qr="data:application/wasm;base64,${qrBytes.toString('base64')}"`);
const kioskStart = `<script type="module">
${kioskGlue}
${readFileSync(join(root, 'tools/start.js'), 'utf8').match(/\/\/ SHARED-WITH-KIOSK[\s\S]*?\/\/ END-SHARED-WITH-KIOSK/)[0]}
try {
  if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
  const bytes = Uint8Array.from(atob('${wasmBase64}'), (c) => c.charCodeAt(0));
  await __wbg_init({ module_or_path: bytes });
} catch (error) {
  showFallback(error);
}
</script>`;
kiosk = kiosk.replace('</body>', `${kioskStart}\n</body>`);
mkdirSync(join(stage, 'kiosk'), { recursive: true });
writeFileSync(join(stage, 'kiosk', 'candidacy-quiz.html'), kiosk);
/** GNU gzip -9 (a few per cent smaller than Node's zlib on the wasm), else zlib. */
function gzip(data) {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c'], { input: data, maxBuffer: 1 << 26 });
  } catch {
    return gzipSync(data, { level: 9 });
  }
}

// Precompressed copies for static hosts that serve them (nginx `gzip_static`/`brotli_static`,
// see examples/nginx), at the best levels, which on-the-fly compression rarely uses.
const compressible = files(stage).filter((f) => !f.startsWith('kiosk/') && /\.(html|js|css|wasm|json|webmanifest)$/.test(f));
for (const file of compressible) {
  const data = readFileSync(join(stage, file));
  writeFileSync(join(stage, `${file}.gz`), gzip(data));
  writeFileSync(join(stage, `${file}.br`), brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
}
// _headers for Netlify and Cloudflare Pages: examples/nginx's headers, for each file of this
// build by its exact name (the two hosts read wildcards inside a name differently, and join a
// header two matching rules set, so only `/*` is a pattern and it sets no Cache-Control). Both
// hosts compress on their own; the .br and .gz copies get the site-wide headers only.
// tests/e2e/headers.test.mjs checks every file gets exactly what nginx sends.
{
  const immutable = /-[0-9a-f]{1,16}(_bg)?\.(js|css|wasm)$/;
  const rules = files(stage)
    .filter((f) => !/\.(br|gz)$/.test(f))
    .sort()
    .map((f) => `/${f}\n  Cache-Control: ${immutable.test(f) ? 'public, max-age=31536000, immutable' : 'no-cache'}`);
  writeFileSync(join(stage, '_headers'), `# Netlify and Cloudflare Pages read this file: the headers of examples/nginx (README, "The quiz site's own security policy").
# frame-ancestors *: any clinic page may show the quiz in a frame; to allow only your own
# site, list its origins instead (frame-ancestors https://www.example-clinic.com).
/*
  Content-Security-Policy: ${CSP}; frame-ancestors *
  Referrer-Policy: no-referrer
  X-Content-Type-Options: nosniff
  Permissions-Policy: camera=(), microphone=(), geolocation=()
  Cross-Origin-Opener-Policy: same-origin
/
  Cache-Control: no-cache
${rules.join('\n')}
`);
}
console.log(`postbuild: ${startName}, CSP, fallback, sw.js (${precache.length} files), kiosk/candidacy-quiz.html and ${compressible.length} precompressed files written`);
