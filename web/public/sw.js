// ChatCloud's service worker: the app shell only (index.html, the hashed assets, icons), so the
// installed app opens offline and shows its offline notice. Everything under /api, the sign-in
// (/connect, /signin, /.well-known) and the realtime socket always go to the network, never a cache.
const CACHE = 'chatcloud-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon.svg', '/icons/icon-192.png'];
const NETWORK_ONLY = ['/api/', '/connect/', '/signin', '/.well-known/', '/auth/'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || NETWORK_ONLY.some((path) => url.pathname.startsWith(path))) {
    return;
  }
  if (request.mode === 'navigate') {
    // The newest shell when online; the cached one when not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put('/', copy));
          return response;
        })
        .catch(() => caches.match('/')),
    );
    return;
  }
  // Hashed assets never change under one name: cache first, filled as they are fetched.
  event.respondWith(
    caches.match(request).then((cached) => cached ?? fetch(request).then((response) => {
      if (response.ok && url.pathname.startsWith('/assets/')) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })),
  );
});
