// Starts the quiz. Kept in a file of its own (not inline) so the page runs under a strict
// Content-Security-Policy. When WebAssembly is missing or the module fails to load, the page's
// fallback message (with the clinic's contact details) is shown instead of a blank page.
import init from './__GLUE__';

// SHARED-WITH-KIOSK: from here to the end mark, the kiosk file's inline script has the same code.
function showFallback(error) {
  const fallback = document.getElementById('fallback');
  if (fallback) fallback.hidden = false;
  const app = document.getElementById('app');
  if (app) app.hidden = true;
  if (error) console.error('The quiz could not start:', error);
}

// The result's QR code (src/qr.rs draws it): `text` as the code's modules, one byte each, row by
// row. The encoder is a WebAssembly module of its own (qr/), named by the page (`data-qr` on
// #app; in the kiosk file, the module itself as a data: address), fetched the first time a
// visitor asks for a code and kept for the next.
let qrModule;
globalThis.candidacyQrCode = async (text) => {
  qrModule ??= (async () => {
    const response = await fetch(document.getElementById('app').dataset.qr);
    if (!response.ok) throw new Error(`the QR module answered ${response.status}`);
    return (await WebAssembly.instantiate(await response.arrayBuffer())).instance.exports;
  })().catch((error) => {
    qrModule = undefined;
    throw error;
  });
  const qr = await qrModule;
  const bytes = new TextEncoder().encode(text);
  // The module's memory may grow in each call: its buffer is read after the call.
  const at = qr.input(bytes.length);
  new Uint8Array(qr.memory.buffer, at, bytes.length).set(bytes);
  const width = qr.encode();
  const modules = qr.output();
  return new Uint8Array(qr.memory.buffer, modules, width * width).slice();
};

// The digest of a protocol's content, which a clinician's review must match for the quiz to name
// the reviewer: the JSON without `review`, keys sorted, no whitespace, SHA-256 in hex
// (src/review.rs defines it and computes it for the CLI). WebCrypto does the hashing, so the
// quiz's wasm carries no SHA-256. Object keys in a protocol are ids and language tags, which sort
// the same by UTF-16 unit as by code point.
globalThis.candidacyContentDigest = async (text) => {
  const canonical = (value) => {
    if (Array.isArray(value)) return `[${value.map(canonical)}]`;
    if (value && typeof value === 'object') {
      return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)}}`;
    }
    return JSON.stringify(value);
  };
  const content = JSON.parse(text);
  delete content.review;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(content)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};

// The prerendered first screen is the default protocol's intro in its own colours: when the app
// will open on something else, it stays hidden rather than change in front of the visitor when
// the app arrives. That is when the address asks for another protocol file, a brand colour or
// another language (a widget's `data-protocol`, `data-brand`, `data-lang`), when this tab
// holds progress to resume (src/saved.rs names the key), and when the address carries a result
// handed over from another device (`#r=`, src/handoff.rs). A Start pressed or a language chosen on
// it before the app is ready is kept by early.js, which runs before the screen is painted.
{
  const prerendered = document.querySelector('#app .prerendered');
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang');
  const resuming = () => {
    try {
      return sessionStorage.getItem('candidacy-quiz') !== null;
    } catch {
      return false;
    }
  };
  if (prerendered && ((lang && lang !== prerendered.lang) || params.has('protocol') || params.has('brand') || location.hash.startsWith('#r=') || resuming())) {
    prerendered.hidden = true;
  }
}
// END-SHARED-WITH-KIOSK

// Offline after one visit (not from a file:// copy, where service workers don't run). The
// worker's copy of the site is fetched once the quiz runs and the page has loaded, so it never
// competes with the first screen for the network.
function keepForOffline() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  const register = () => navigator.serviceWorker.register('./sw.js').catch(() => {});
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}

// The wasm is fetched once the first screen has been painted, so that it doesn't share the
// network with the stylesheet; in a widget frame out of view, where animation frames wait, a
// timer starts it.
let started = false;
function start() {
  if (started) return;
  started = true;
  init({ module_or_path: new URL('./__WASM__', import.meta.url) }).then(keepForOffline, showFallback);
}

if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
  showFallback();
} else {
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 200);
}
