// Trunk post-build hook (see Trunk.toml): turns Trunk's page into one that runs under a strict
// Content-Security-Policy and degrades with a message.
//
// - Trunk's inline start-up script becomes `start-<hash>.js` (no 'unsafe-inline' needed).
// - The page gets its Content-Security-Policy as a <meta> tag (the headers a host should also
//   send are in the README).
// - The fallback message gets the clinic's contact details from the default protocol.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const root = new URL('..', import.meta.url).pathname;

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const indexPath = join(stage, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const glue = /import init, \* as bindings from '\.\/([^']+\.js)'/.exec(html)?.[1];
const wasm = /module_or_path: '\.\/([^']+\.wasm)'/.exec(html)?.[1];
if (!glue || !wasm) throw new Error("Trunk's start-up script was not found in index.html");

const start = readFileSync(join(root, 'tools/start.js'), 'utf8').replace('__GLUE__', glue).replace('__WASM__', wasm);
const startName = `start-${hash(start)}.js`;
writeFileSync(join(stage, startName), start);

// Trunk's inline script and its preloads (whose integrity attributes Chromium ignores for
// preloads) give way to the start file and plain preloads.
html = html.replace(/<script type="module">[\s\S]*?<\/script>\s*/, '');
html = html.replace(/<link rel="modulepreload"[^>]*>/, '').replace(/<link rel="preload"[^>]*>/, '');
const head = [
  `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
  `<link rel="modulepreload" href="./${glue}">`,
  `<link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin>`,
  `<script type="module" src="./${startName}"></script>`,
].join('\n  ');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${head}`);

const protocol = JSON.parse(readFileSync(join(root, 'static/protocols/microneedling.json'), 'utf8'));
const clinic = protocol.clinic;
let contact = '';
if (clinic) {
  const parts = [`<strong>${escapeHtml(clinic.name)}</strong>`];
  if (clinic.phone) parts.push(`<a href="tel:${escapeHtml(clinic.phone.replace(/\s/g, ''))}">${escapeHtml(clinic.phone)}</a>`);
  if (clinic.email) parts.push(`<a href="mailto:${escapeHtml(clinic.email)}">${escapeHtml(clinic.email)}</a>`);
  if (clinic.booking_url && /^(https?:|tel:|mailto:)/i.test(clinic.booking_url)) {
    parts.push(`<a href="${escapeHtml(clinic.booking_url)}">${escapeHtml(clinic.booking_url)}</a>`);
  }
  contact = `<p class="fallback-contact">${parts.join(' · ')}</p>`;
}
if (!html.includes('<!-- clinic-contact -->')) throw new Error('index.html lacks <!-- clinic-contact -->');
html = html.replaceAll('<!-- clinic-contact -->', contact);
writeFileSync(indexPath, html);
console.log(`postbuild: ${startName}, CSP and fallback written`);
