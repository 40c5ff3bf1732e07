// Builds the WordPress plugin: wordpress/candidacy-quiz/ with the built quiz (dist/, without the
// kiosk file, the static hosts' _headers and the .br/.gz copies, which WordPress's servers do
// not serve) in its quiz/ folder, zipped as WordPress installs
// it: target/candidacy-quiz-wordpress.zip with one top folder, candidacy-quiz/.
// `cargo xtask wordpress` runs it after the release build; tests/e2e/wordpress.test.mjs installs
// the zip it makes.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLUGIN_ZIP = resolve('target/candidacy-quiz-wordpress.zip');

export function buildPlugin(dist = resolve('dist')) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('no dist/: run `cargo xtask build` first');
  const out = resolve('target/wordpress');
  const plugin = join(out, 'candidacy-quiz');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(resolve('wordpress/candidacy-quiz'), plugin, { recursive: true });
  cpSync(dist, join(plugin, 'quiz'), {
    recursive: true,
    filter: (source) => !/[/\\](kiosk|_headers)$/.test(source) && !/\.(br|gz)$/.test(source),
  });
  rmSync(PLUGIN_ZIP, { force: true });
  // Python's zipfile: on every machine this project runs on, and no npm package for one zip.
  execFileSync('python3', ['-m', 'zipfile', '-c', PLUGIN_ZIP, 'candidacy-quiz'], { cwd: out });
  return PLUGIN_ZIP;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wordpress: ${buildPlugin()}`);
}
