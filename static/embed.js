/*
 * Candidacy Quiz embed loader. Paste next to an element such as
 *   <div data-candidacy-quiz data-lang="es" data-clinic-name="Clinic" data-phone="…" data-booking-url="…"></div>
 * or the custom element it defines, with the same options as plain attributes:
 *   <candidacy-quiz lang="es" clinic-name="Clinic" phone="…" booking-url="…"></candidacy-quiz>
 * and the quiz appears in a sandboxed frame once the element is near the screen (or, with
 * mode="popup", in a dialog opened by a button). It loads nothing before then. Custom elements
 * added to the page later are mounted as they arrive.
 *
 * Messages are accepted only from the quiz's own origin and its own frames; the host element
 * receives `candidacy:ready`, `candidacy:step`, `candidacy:complete` and `candidacy:book` events,
 * never answers, and the verdict only with data-send-result-to-page (a verdict is health data).
 * Styles are set through the CSSOM, which a strict host Content-Security-Policy allows.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL('.', script.src);
  var quizOrigin = base.origin;
  var frames = [];
  var ELEMENT = 'candidacy-quiz';
  var SETTINGS = [['lang', 'lang'], ['brand', 'brand'], ['clinic-name', 'clinic'], ['phone', 'phone'],
    ['booking-url', 'booking'], ['protocol', 'protocol']];
  var VERDICTS = ['suitable', 'consult', 'not_yet', 'not_suitable'];

  // An option: the custom element's attribute (clinic-name), or the snippet's (data-clinic-name).
  function opt(host, name) {
    return host.getAttribute(host.localName === ELEMENT ? name : 'data-' + name);
  }

  function style(element, styles) {
    for (var name in styles) element.style.setProperty(name, styles[name], 'important');
  }

  function frameFor(host) {
    var params = new URLSearchParams({ host: location.origin });
    SETTINGS.forEach(function (pair) {
      var value = opt(host, pair[0]);
      if (value) params.set(pair[1], value);
    });
    if (sendsResult(host)) params.set('result', 'page');
    var iframe = document.createElement('iframe');
    iframe.src = new URL('index.html?' + params, base).href;
    iframe.title = opt(host, 'title') || 'Microneedling candidacy quiz';
    // Copying the summary and the share sheet, which the visitor starts from the result.
    iframe.setAttribute('allow', 'clipboard-write; web-share');
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-downloads allow-popups ' +
      'allow-popups-to-escape-sandbox allow-modals');
    style(iframe, { display: 'block', width: '100%', 'min-width': '0', height: '560px', border: '0',
      margin: '0', padding: '0', 'max-width': 'none', visibility: 'visible' });
    frames.push({ iframe: iframe, host: host });
    return iframe;
  }

  function sendsResult(host) {
    return opt(host, 'send-result-to-page') !== null;
  }

  function emit(host, type, detail) {
    host.dispatchEvent(new CustomEvent(type, { detail: detail, bubbles: true }));
  }

  function isDate(value) {
    return value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
  }

  function count(value) {
    return typeof value === 'number' && value >= 0 && value < 1000 && Math.floor(value) === value;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== quizOrigin) return;
    var entry = frames.filter(function (f) { return f.iframe.contentWindow === event.source; })[0];
    var data = event.data;
    if (!entry || !data || typeof data !== 'object') return;
    if (data.type === 'candidacy:height' && typeof data.height === 'number' && data.height > 0 && data.height < 100000) {
      style(entry.iframe, { height: Math.ceil(data.height) + 'px' });
    } else if (data.type === 'candidacy:ready') {
      emit(entry.host, 'candidacy:ready', {});
    } else if (data.type === 'candidacy:step' && count(data.index) && count(data.total)) {
      emit(entry.host, 'candidacy:step', { index: data.index, total: data.total });
    } else if (data.type === 'candidacy:complete' && !sendsResult(entry.host)) {
      emit(entry.host, 'candidacy:complete', {});
    } else if (data.type === 'candidacy:complete' && VERDICTS.indexOf(data.verdict) >= 0 && isDate(data.earliest_start)) {
      var s = data.sessions;
      var sessions = s && count(s.min) && count(s.max) ? { min: s.min, max: s.max } : null;
      emit(entry.host, 'candidacy:complete', { verdict: data.verdict, earliestStart: data.earliest_start, sessions: sessions });
    } else if (data.type === 'candidacy:book') {
      emit(entry.host, 'candidacy:book', {});
    }
  });

  function whenNear(element, callback) {
    if (!('IntersectionObserver' in window)) return callback();
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        callback();
      }
    }, { rootMargin: '400px' });
    observer.observe(element);
  }

  function inline(host) {
    whenNear(host, function () { host.replaceChildren(frameFor(host)); });
  }

  function popup(host) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = opt(host, 'button-label') || 'Am I a candidate for microneedling?';
    style(button, { display: 'inline-block', visibility: 'visible', 'min-height': '44px', padding: '10px 20px',
      font: 'inherit', cursor: 'pointer' });
    var dialog = document.createElement('dialog');
    dialog.setAttribute('aria-label', opt(host, 'title') || 'Microneedling candidacy quiz');
    style(dialog, { width: 'min(42rem, 100vw - 16px)', 'max-width': '100vw', 'max-height': '100dvh', padding: '0',
      border: '0', 'border-radius': '8px', overflow: 'auto' });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', opt(host, 'close-label') || 'Close');
    style(close, { display: 'block', 'margin-inline-start': 'auto', 'min-width': '44px', 'min-height': '44px',
      font: '24px/1 sans-serif', cursor: 'pointer', visibility: 'visible' });
    close.addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () {
      dialog.style.removeProperty('display');
      button.focus();
    });
    dialog.append(close);
    button.addEventListener('click', function () {
      if (!dialog.querySelector('iframe')) dialog.append(frameFor(host));
      // Shown against host styles that hide dialogs; removed again on close.
      style(dialog, { display: 'block' });
      dialog.showModal();
      close.focus();
    });
    host.replaceChildren(button, dialog);
  }

  function mount(host) {
    if (host.dataset.candidacyMounted) return;
    host.dataset.candidacyMounted = 'true';
    // An unknown element is inline by default; the frame needs a block to be as wide as it.
    if (host.localName === ELEMENT && getComputedStyle(host).display === 'inline') host.style.display = 'block';
    (opt(host, 'mode') === 'popup' ? popup : inline)(host);
  }

  function start() {
    document.querySelectorAll('[data-candidacy-quiz]').forEach(mount);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  // The custom element: mounted when it is connected, now or whenever it is added.
  if (window.customElements && !customElements.get(ELEMENT)) {
    customElements.define(ELEMENT, class extends HTMLElement {
      connectedCallback() { mount(this); }
    });
  }
})();
