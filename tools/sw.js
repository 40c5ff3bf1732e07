// The quiz's service worker: it works offline after one visit. The list of files is written at
// build time from the real (hashed) file names (tools/postbuild.mjs); nothing here is hand-kept.
// The clinic's studio (studio/) is not precached, so that no visitor downloads it: the studio
// page asks for its own files to be kept once it has loaded them.
const CACHE = '__CACHE__';
const PRECACHE = __PRECACHE__;
const STUDIO = new URL('./studio/', self.location).href;

self.addEventListener('message', (event) => {
  const files = event.data?.keepStudio;
  if (!Array.isArray(files)) return;
  const mine = files.filter((url) => typeof url === 'string' && url.startsWith(STUDIO) && !url.endsWith('/index.html'));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...new Set([STUDIO, ...mine])])));
});

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('candidacy-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate' || request.destination === 'document') {
    // The page (the quiz's, or the studio's): the network first (a new version), the cache
    // when offline.
    const page = request.url.startsWith(STUDIO) ? STUDIO : new URL('./', self.location).href;
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put(page, copy));
          return response;
        })
        .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match(page))),
    );
    return;
  }
  // Hashed files never change: the cache first.
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
