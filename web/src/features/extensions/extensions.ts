import type { Session } from '../auth/AuthContext';

// Pages beyond the chat, linked from the conversations panel when `available` says the account may
// use them. The recommendations panel is not one of them: it lives inside the chat (it joins rooms
// and opens conversations there), see features/recommendations.

export interface Extension {
  path: string;
  label: string;
  available: (session: Session) => boolean;
}

export const EXTENSIONS: Extension[] = [
  { path: '/admin', label: 'Administration', available: (session) => session.roles.includes('admin') },
];

export function availableExtensions(session: Session): Extension[] {
  return EXTENSIONS.filter((extension) => extension.available(session));
}

/** The admin pages' paths (`/admin`, `/admin/…`). */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}
