// `cargo xtask bench`: the release site (dist/) behind nginx with the example configuration
// (examples/nginx: precompressed brotli and gzip, like a real static host), measured in Debian's
// headless Chromium. Writes target/bench/report.json and prints a table.
//
// Also imported by tests/e2e/budgets.test.mjs, which enforces the size budgets and Lighthouse
// scores with the same measurements.

import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM, DIST, builtNames, launch, plainAnswers, serveWithNginx,
} from '../tests/e2e/harness.mjs';
import { benchStudio, printStudio } from './bench-studio.mjs';

export const BUDGETS = {
  /**
   * Everything the standalone page fetches before the first question is answerable, summed over
   * the build's precompressed copies: gzip -9 and brotli -q 11 (the performance issue's budget,
   * with an aim of 180,000 B gzip; README, "Performance").
   */
  firstLoadGzip: 200_000,
  // Lent 1,000 B on 2026-12-02 for the notices and bands of time; paid back on 2026-12-04 (the
  // page's copy of the protocol without the rules' sources, no stable sort in the wasm).
  firstLoadBrotli: 165_000,
  /** embed.js, gzip. */
  loaderGzip: 3 * 1024,
  /** Lighthouse, mobile preset, each category. */
  lighthouse: 98,
};

const median = (values) => quantile(values, 0.5);
function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
const round = (value) => (value === null ? null : Math.round(value * 10) / 10);

/** What kind of file a URL is, for the transfer table. */
function kind(url) {
  const path = new URL(url).pathname;
  if (path.endsWith('/') || path.endsWith('.html')) return 'html';
  const extension = /\.([a-z]+)$/.exec(path)?.[1] ?? 'other';
  return { js: 'js', css: 'css', wasm: 'wasm', json: 'protocol', webmanifest: 'manifest', png: 'icons' }[extension] ?? extension;
}

/**
 * Raw, gzip and brotli sizes of a built file: its `.gz` and `.br` copies from the build (what a
 * host serves), or, for files without them, compressed here at the same levels.
 */
export function fileSizes(path) {
  const data = readFileSync(path);
  const copy = (extension, compress) => (existsSync(`${path}.${extension}`)
    ? readFileSync(`${path}.${extension}`).length
    : compress(data).length);
  return {
    raw: data.length,
    gzip: copy('gz', (d) => gzipSync(d, { level: 9 })),
    brotli: copy('br', (d) => brotliCompressSync(d, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

/**
 * One visit to the standalone page with an empty cache: every response's transfer size until
 * the first question can be answered, the paint and readiness times, the latency of each step
 * of a whole journey, and memory at the end.
 */
export async function visit(browser, origin, { cpu = 1, journey = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => {
    // When the wasm has been compiled and instantiated (wasm-bindgen's glue streams it).
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const instance = await instantiate.apply(WebAssembly, args);
      window.__instantiated = performance.now();
      return instance;
    };
    // A visitor who presses Start the moment the intro is painted (tools/early.js keeps the
    // press), and when the first question is then painted: answerable.
    new PerformanceObserver((list, observer) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      window.__pressed = performance.now();
      document.querySelector('#app .screen.intro button')?.click();
    }).observe({ type: 'paint', buffered: true });
    new MutationObserver((_, observer) => {
      if (!document.querySelector('#app .screen.question')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__answerable = performance.now(); };
        channel.port2.postMessage(null);
      });
    }).observe(document, { childList: true, subtree: true });
    // When the live app has taken over from the prerendered screen.
    new MutationObserver((_, observer) => {
      if (document.querySelector('#app > .quiz:not(.prerendered)')) {
        window.__live = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const responses = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    responses.set(requestId, { url: response.url, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? '' });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const response = responses.get(requestId);
    if (response) response.bytes = encodedDataLength;
  });

  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__answerable !== undefined, null, { polling: 'raf', timeout: 60_000 });
  const times = await page.evaluate(() => {
    const resource = (pattern) => performance.getEntriesByType('resource').find((e) => pattern.test(e.name));
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const wasm = resource(/\.wasm$/);
    return {
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      // The way to the first question, in order (ms from navigation).
      startup: {
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        startScript: resource(/\/start-[0-9a-f]+\.js$/)?.responseEnd ?? null,
        wasmRequested: wasm?.startTime ?? null,
        wasmFetched: wasm?.responseEnd ?? null,
        instantiated: window.__instantiated ?? null,
        protocolRead: mark('candidacy:protocol-read'),
        takingOver: mark('candidacy:taking-over'),
        live: window.__live,
        pressed: window.__pressed,
        answerable: window.__answerable,
      },
    };
  });
  // Everything fetched so far: the app runs, and Start fetches nothing more.
  const transfers = [...responses.values()].filter((r) => r.bytes !== undefined && r.url.startsWith(origin));
  const steps = await page.evaluate(runJourney, { answers: plainAnswers(), whole: journey });
  let memory = null;
  if (journey) {
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(async () => {
      const glue = document.querySelector('link[rel=modulepreload]').href;
      const exports = await (await import(glue)).default();
      return exports.memory.buffer.byteLength;
    });
    memory = { jsHeapUsed: heap.usedSize, wasmMemory: wasm };
  }
  await context.close();
  return {
    fcp: times.fcp,
    startup: times.startup,
    answerable: times.startup.answerable,
    steps: steps.latencies,
    transfers: transfers.map(({ url, bytes, encoding }) => ({ url: url.slice(origin.length), kind: kind(url), bytes, encoding })),
    memory,
  };
}

/**
 * Runs in the page, on the first question: answers every question like a visitor (a click on
 * each choice, then Next), timing each Next until the next screen has been painted.
 */
async function runJourney({ answers, whole }) {
  const heading = () => document.getElementById('step-heading')?.textContent;
  const painted = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  }));
  const changed = (before) => new Promise((done) => {
    if (heading() !== before) { done(); return; }
    const observer = new MutationObserver(() => {
      if (heading() !== before) { observer.disconnect(); done(); }
    });
    observer.observe(document.getElementById('app'), { childList: true, subtree: true, characterData: true });
  });
  async function press(button) {
    const before = heading();
    const started = performance.now();
    button.click();
    await changed(before);
    return (await painted()) - started;
  }
  const latencies = [];
  while (whole && document.querySelector('.screen.question')) {
    const name = document.querySelector('fieldset input').name;
    for (const option of [answers[name]].flat()) {
      const input = document.getElementById(`opt-${name}-${option}`);
      if (!input.checked) input.click();
    }
    await painted();
    latencies.push({ step: name, ms: await press(document.querySelector('button[type=submit]')) });
  }
  if (whole) latencies.push({ step: 'result', ms: await press(document.querySelector('.screen.review button.primary')) });
  return { latencies };
}

/** What a host page downloads from the quiz's site before the widget is near the viewport. */
export async function hostBeforeWidget(browser, quizOrigin) {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!DOCTYPE html><html lang="en"><title>Clinic</title>
<div style="height:3000px">Clinic page</div>
<div id="quiz" data-candidacy-quiz></div><script src="${quizOrigin}/embed.js" async></script>`);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const fetched = [];
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => urls.set(requestId, request.url));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const url = urls.get(requestId);
    if (url?.startsWith(quizOrigin)) fetched.push({ url: url.slice(quizOrigin.length), bytes: encodedDataLength });
  });
  await page.goto(`http://localhost:${server.address().port}/`, { waitUntil: 'networkidle' });
  await context.close();
  await new Promise((done) => server.close(done));
  return fetched;
}

/**
 * The benchmark score of the phone Lighthouse's mobile preset emulates (a Moto G Power class
 * device), as Chrome DevTools' CPU calibration gives it (`lowScore` in
 * front_end/panels/mobile_throttling/CalibrationController.ts). Lighthouse's 4x CPU slowdown
 * reaches that phone on a host scoring about 4 × 264 ≈ 1,060; on a slower host Lighthouse warns
 * that "this can negatively affect your performance score" and asks for a calibrated multiplier.
 */
const EMULATED_PHONE_BENCHMARK = 264;
const DEFAULT_CPU_SLOWDOWN = 4;

/**
 * Lighthouse's scores (0–100) for `url`, mobile preset (its default), in Debian's Chromium: the
 * median of `runs` runs, as Lighthouse's own guidance on variance advises. The CPU slowdown is
 * calibrated to the host as Lighthouse's throttling guide asks: its default 4x, or on a host
 * slower than the one 4x assumes (a loaded 2-core CI machine), the slowdown that still emulates
 * the same phone (host benchmark ÷ 264), from a first run's benchmark index. Never harsher or
 * milder than that phone: the score judges the page, not the machine.
 */
export async function lighthouseScores(url, runs = 5) {
  const probe = await lighthouseOnce(url, DEFAULT_CPU_SLOWDOWN);
  const cpuSlowdown = Math.min(DEFAULT_CPU_SLOWDOWN,
    Math.max(1, Math.round((probe.benchmarkIndex / EMULATED_PHONE_BENCHMARK) * 10) / 10));
  const results = cpuSlowdown === DEFAULT_CPU_SLOWDOWN ? [probe] : [];
  while (results.length < runs) results.push(await lighthouseOnce(url, cpuSlowdown));
  // Each category (or metric) over the runs, summed up by `summary`.
  const across = (field, summary) => Object.fromEntries(Object.keys(results[0][field])
    .map((key) => [key, summary(results.map((r) => r[field][key]))]));
  const scores = across('scores', median);
  const metrics = across('metrics', (values) => round(median(values)));
  // A busy machine only ever adds blocking time, never takes it away: the best run is the
  // page's own cost (as benchmarks take the fastest time), the median what this machine saw.
  const best = across('scores', (values) => Math.max(...values));
  return {
    runs,
    benchmarkIndex: round(median(results.map((r) => r.benchmarkIndex))),
    cpuSlowdown,
    scores,
    best,
    metrics,
    each: results.map((r) => r.scores),
    failing: [...new Set(results.flatMap((r) => r.failing))],
  };
}

async function lighthouseOnce(url, cpuSlowdownMultiplier) {
  const { default: lighthouse } = await import('lighthouse');
  const constants = await import('lighthouse/core/config/constants.js');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier },
    });
    const { categories, audits } = result.lhr;
    const failing = Object.values(categories).flatMap((category) => category.auditRefs
      .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
      .map((ref) => `${category.id}: ${ref.id} (${audits[ref.id].displayValue ?? audits[ref.id].score})`));
    return {
      benchmarkIndex: result.lhr.environment.benchmarkIndex,
      scores: Object.fromEntries(Object.values(categories).map((c) => [c.id, Math.round(c.score * 100)])),
      metrics: {
        fcp: audits['first-contentful-paint'].numericValue,
        lcp: audits['largest-contentful-paint'].numericValue,
        tbt: audits['total-blocking-time'].numericValue,
        cls: audits['cumulative-layout-shift'].numericValue,
        speedIndex: audits['speed-index'].numericValue,
      },
      failing,
    };
  } finally {
    await chrome.kill();
  }
}

/** The built files' sizes by kind: raw, gzip and brotli. */
export function builtSizes(dist = DIST) {
  const names = builtNames(dist);
  const files = {
    html: 'index.html',
    css: names.css,
    'js (glue)': names.glue,
    'js (early)': names.early,
    'js (start)': names.start,
    wasm: names.wasm,
    'embed.js': 'embed.js',
    'sw.js': 'sw.js',
    kiosk: 'kiosk/candidacy-quiz.html',
  };
  return Object.fromEntries(Object.entries(files).map(([name, file]) => [name, { file, ...fileSizes(join(dist, file)) }]));
}

function summarise(runs) {
  const firstLoad = runs.map((run) => run.transfers.reduce((sum, t) => sum + t.bytes, 0));
  const steps = runs.flatMap((run) => run.steps.map((s) => s.ms));
  // Each step's median, to see which screens are slow.
  const names = [...new Set(runs.flatMap((run) => run.steps.map((s) => s.step)))];
  const byStep = Object.fromEntries(names.map((name) => [name, round(median(runs.flatMap((run) => run.steps.filter((s) => s.step === name).map((s) => s.ms))))]));
  return {
    runs: runs.length,
    fcpMs: { median: round(median(runs.map((r) => r.fcp))), p95: round(quantile(runs.map((r) => r.fcp), 0.95)) },
    answerableMs: { median: round(median(runs.map((r) => r.answerable))), p95: round(quantile(runs.map((r) => r.answerable), 0.95)) },
    nextToPaintedMs: { median: round(median(steps)), p95: round(quantile(steps, 0.95)), samples: steps.length, byStep },
    jsHeapUsedBytes: median(runs.map((r) => r.memory.jsHeapUsed)),
    wasmMemoryBytes: median(runs.map((r) => r.memory.wasmMemory)),
    firstLoadTransferBytes: median(firstLoad),
    // Each start-up step's median time from navigation.
    startupMs: Object.fromEntries(STARTUP_STEPS.map(([key]) => [key, round(median(runs.map((r) => r.startup[key]).filter((t) => t !== null)))])),
  };
}

/** Start-up, step by step: what each time in `visit`'s `startup` marks. */
const STARTUP_STEPS = [
  ['html', 'page received'],
  ['fcp', 'first contentful paint (the prerendered intro)'],
  ['startScript', 'start-up script received'],
  ['wasmRequested', 'wasm asked for (after the first paint)'],
  ['wasmFetched', 'wasm received'],
  ['instantiated', 'wasm compiled and instantiated'],
  ['protocolRead', 'protocol read from the page'],
  ['takingOver', 'app takes the screen over (next task)'],
  ['live', 'app live, on the first question'],
  ['pressed', '(Start pressed at the first paint)'],
  ['answerable', 'first question painted: answerable'],
];

/** The targets of the performance issue: reported, not asserted (timings vary by machine). */
export const TARGETS = { answerableMs: { cpu1x: 250, cpu4x: 700 }, nextP95Ms: { cpu4x: 50 } };

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('no dist/: run `cargo xtask build` first');
  const nginx = await serveWithNginx();
  const browser = await launch();
  const report = { date: new Date().toISOString(), runs, sizes: builtSizes(), conditions: {} };
  try {
    for (const cpu of [1, 4]) {
      const results = [];
      for (let i = 0; i < runs; i += 1) {
        process.stdout.write(`bench: ${cpu}× CPU, run ${i + 1}/${runs}\r`);
        results.push(await visit(browser, nginx.origin, { cpu }));
      }
      report.conditions[`cpu${cpu}x`] = summarise(results);
      report.transfers = results[0].transfers;
    }
    report.hostBeforeWidget = await hostBeforeWidget(browser, nginx.origin);
    process.stdout.write('bench: the studio\'s edits…              \r');
    report.studio = await benchStudio(browser, nginx.origin);
    process.stdout.write('bench: Lighthouse (mobile)…            \r');
    report.lighthouse = await lighthouseScores(`${nginx.origin}/`);
  } finally {
    await browser.close();
    await nginx.close();
  }
  const out = resolve('target/bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
  console.log(`bench: report written to ${join(out, 'report.json')}`);
}

function printTable(report) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nbuilt files (raw / gzip -9 / brotli 11):`);
  for (const [name, size] of Object.entries(report.sizes)) {
    console.log(`  ${name.padEnd(12)} ${String(size.raw).padStart(8)} ${String(size.gzip).padStart(8)} ${String(size.brotli).padStart(8)}  ${size.file}`);
  }
  console.log(`\nfirst load as served by nginx (brotli), before the first question is answerable:`);
  for (const t of report.transfers) console.log(`  ${t.kind.padEnd(10)} ${String(t.bytes).padStart(8)} B  ${t.encoding.padEnd(3)} ${t.url}`);
  console.log(`\n${'median (p95), ms'.padEnd(34)} ${'1× CPU'.padStart(16)} ${'4× CPU'.padStart(16)}`);
  const rows = [
    ['first contentful paint', 'fcpMs'], ['first question answerable (Start at 1st paint)', 'answerableMs'],
    ['Next → next screen painted', 'nextToPaintedMs'],
  ];
  const cell = (m) => `${m.median} (${m.p95})`.padStart(16);
  for (const [label, key] of rows) {
    console.log(`  ${label.padEnd(32)} ${cell(report.conditions.cpu1x[key])} ${cell(report.conditions.cpu4x[key])}`);
  }
  console.log('\nstart-up, step by step (median ms from navigation):');
  for (const [key, label] of STARTUP_STEPS) {
    const at = (cpu) => String(report.conditions[cpu].startupMs[key] ?? '–').padStart(16);
    console.log(`  ${label.padEnd(48)} ${at('cpu1x')} ${at('cpu4x')}`);
  }
  const slow = Object.entries(report.conditions.cpu4x.nextToPaintedMs.byStep).sort((a, b) => b[1] - a[1]).slice(0, 3);
  console.log(`\nslowest Next at 4× CPU (median ms, the step it leaves): ${slow.map(([step, ms]) => `${step} ${ms}`).join(', ')}`);
  const met = (value, target) => `${value} ms against ${target}: ${value <= target ? 'met' : 'not met'}`;
  console.log('\ntargets (reported, not asserted):');
  console.log(`  navigation → first question answerable, 1× CPU: ${met(report.conditions.cpu1x.answerableMs.median, TARGETS.answerableMs.cpu1x)}`);
  console.log(`  navigation → first question answerable, 4× CPU: ${met(report.conditions.cpu4x.answerableMs.median, TARGETS.answerableMs.cpu4x)}`);
  console.log(`  Next → next screen painted, p95 at 4× CPU: ${met(report.conditions.cpu4x.nextToPaintedMs.p95, TARGETS.nextP95Ms.cpu4x)}`);
  for (const [label, key] of [['first-load transfer', 'firstLoadTransferBytes'], ['JS heap used at the end', 'jsHeapUsedBytes'], ['wasm memory at the end', 'wasmMemoryBytes']]) {
    console.log(`  ${label.padEnd(32)} ${kb(report.conditions.cpu1x[key]).padStart(16)} ${kb(report.conditions.cpu4x[key]).padStart(16)}`);
  }
  printStudio(report.studio);
  console.log(`\nhost page before the widget is near the viewport: ${report.hostBeforeWidget.map((f) => `${f.url} ${f.bytes} B`).join(', ')}`);
  console.log(`Lighthouse (mobile): ${Object.entries(report.lighthouse.scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (report.lighthouse.failing.length) console.log(`  not at full marks: ${report.lighthouse.failing.join('; ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
  });
}
