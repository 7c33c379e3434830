import type { MouseEvent } from 'react';
import type { Session } from '../auth/AuthContext';
import { navigate } from '../../router';
import { AccountsPage } from './AccountsPage';
import { ActivityPage } from './ActivityPage';

export const ADMIN_PAGES = [
  { path: '/admin', label: 'Activity' },
  { path: '/admin/accounts', label: 'Accounts' },
] as const;

const follow = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
  event.preventDefault();
  navigate(path);
};

/**
 * The operators' pages, for accounts whose token carries the admin role. The APIs refuse anyone
 * else anyway (403); the page says so instead of showing empty charts.
 */
export function AdminPage({ session, path, token }: { session: Session; path: string; token: () => Promise<string> }) {
  if (!session.roles.includes('admin')) {
    return (
      <main id="main" className="centered-page">
        <section className="card" aria-labelledby="refused-heading">
          <h1 id="refused-heading">Administrators only</h1>
          <p>The account {session.name} does not have the admin role. An administrator can grant it on the Accounts page.</p>
          <a className="button" href="/" onClick={follow('/')}>Back to chat</a>
        </section>
      </main>
    );
  }
  return (
    <div className="admin-shell">
      <header className="topbar">
        <span className="topbar-brand"><img src="/favicon.svg" alt="" width="24" height="24" /><span className="brand-name">ChatCloud</span></span>
        <nav aria-label="Administration" className="admin-nav">
          <ul>
            {ADMIN_PAGES.map((page) => (
              <li key={page.path}>
                <a href={page.path} aria-current={path === page.path ? 'page' : undefined} onClick={follow(page.path)}>{page.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="spacer" />
        <a className="button" href="/" onClick={follow('/')}>Back to chat</a>
      </header>
      <main id="main" className="admin-main">
        {path === '/admin/accounts' ? <AccountsPage token={token} me={session.name} /> : <ActivityPage token={token} />}
      </main>
    </div>
  );
}
