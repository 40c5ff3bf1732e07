// Starts the quiz. Kept in a file of its own (not inline) so the page runs under a strict
// Content-Security-Policy. When WebAssembly is missing or the module fails to load, the page's
// fallback message (with the clinic's contact details) is shown instead of a blank page.
import init from './__GLUE__';

function showFallback(error) {
  const fallback = document.getElementById('fallback');
  if (fallback) fallback.hidden = false;
  document.documentElement.classList.add('quiz-failed');
  if (error) console.error('The quiz could not start:', error);
}

// Offline after one visit (not from a file:// copy, where service workers don't run).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}

if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
  showFallback();
} else {
  init({ module_or_path: new URL('./__WASM__', import.meta.url) }).catch(showFallback);
}
