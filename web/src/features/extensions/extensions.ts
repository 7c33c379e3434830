import type { Session } from '../auth/AuthContext';

// Places kept for the recommendations panel and the admin pages (the recommendations/analytics
// issue). Each entry has a route and a nav label, and is shown only when `available` says so;
// that issue fills in the page and the availability check.

export interface Extension {
  path: string;
  label: string;
  available: (session: Session) => boolean;
}

export const EXTENSIONS: Extension[] = [
  { path: '/recommendations', label: 'Recommended rooms', available: () => false },
  { path: '/admin', label: 'Administration', available: (session) => session.roles.includes('admin') && false },
];

export function availableExtensions(session: Session): Extension[] {
  return EXTENSIONS.filter((extension) => extension.available(session));
}
