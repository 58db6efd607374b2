// Hazard Hunt's service worker: keeps the whole game on the device so a kiosk runs
// with the network unplugged. Registered by main.js in kiosk mode only (?mode=kiosk).
//
// This file in www/ is a template: scripts/sw.mjs (run by scripts/build.sh) writes
// dist/sw.js with VERSION, a content hash of every file below, and FILES, every file
// of dist/ but this one. A build with changed files is a new version; an unchanged
// build writes the same bytes, so the browser sees no update.
//
// - install: fetch every file into the cache "hazard-hunt-<VERSION>". No skipWaiting():
//   a new version waits until the page says the game is between rounds
//   (postMessage {type: 'activate'}), then the page reloads once.
// - activate: delete the older caches of this game (and only those), take control.
// - fetch: same-origin GETs only, cache first, else the network (nothing fetched that
//   way is cached); any other request is left to the browser untouched.

const VERSION = 'SW_VERSION';
const FILES = ['SW_FILES'];
const PREFIX = 'hazard-hunt-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // cache: 'no-cache' revalidates with the server: never an older copy from the HTTP cache.
      cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(cached(request, url));
});

async function cached(request, url) {
  let hit;
  try {
    const cache = await caches.open(CACHE);
    if (request.mode === 'navigate') {
      // index.html?mode=kiosk&… and the folder itself are the one cached page.
      const page = new URL(url.pathname.endsWith('/') ? url.pathname + 'index.html' : url.pathname, url);
      hit = await cache.match(page, { ignoreVary: true });
    } else {
      hit = await cache.match(request, { ignoreVary: true });
    }
  } catch {
    // Storage unavailable: the network still answers.
  }
  return hit || fetch(request);
}
