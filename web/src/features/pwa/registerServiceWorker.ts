// The service worker caches the app shell only (public/sw.js); API calls and the realtime socket
// always go to the network. Not in development, where Vite serves modules that change on every edit.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (a private window, an old browser): the app works without one.
    });
  });
}
