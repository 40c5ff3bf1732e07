// Trunk post-build hook of studio/Trunk.toml: the studio page runs under the quiz's strict
// Content-Security-Policy (Trunk's inline start-up script becomes a file, the policy a <meta>).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('run by Trunk as a post_build hook (TRUNK_STAGING_DIR is not set)');
const { CSP } = await import('./csp.mjs');
const page = join(stage, 'index.html');
let html = readFileSync(page, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html);
const glue = /from '\.\/([^']+\.js)'/.exec(inline?.[1] ?? '')?.[1];
const wasm = /module_or_path: '\.\/([^']+\.wasm)'/.exec(inline?.[1] ?? '')?.[1];
if (!glue || !wasm) throw new Error("Trunk's start-up script was not found in studio/index.html");
// A browser without WebAssembly (or one that cannot start it) gets the page's message instead
// of a page that never loads.
const start = `try {
  if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
  const glue = await import('./${glue}');
  await glue.default({ module_or_path: './${wasm}' });
  // Offline after one visit: the site's service worker keeps the studio's own files (it does
  // not precache them, so that no visitor of the quiz downloads them).
  navigator.serviceWorker?.register('../sw.js').then(() => navigator.serviceWorker.ready).then((worker) => {
    const files = [location.href.split('#')[0].split('?')[0], ...performance.getEntriesByType('resource').map((e) => e.name)];
    worker.active?.postMessage({ keepStudio: files });
  }).catch(() => {});
} catch (error) {
  document.getElementById('fallback').hidden = false;
  document.getElementById('studio-loading')?.remove();
  console.error(error);
}
`;
const name = `start-${createHash('sha256').update(start).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(stage, name), start);
html = html.replace(inline[0], `<script type="module" src="./${name}"></script>`)
  .replace(/<link rel="preload"[^>]*>/, '');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
writeFileSync(page, html);
console.log(`studio-postbuild: ${name}, CSP`);
