// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { AdminPage } from './AdminPage';
import { availableExtensions } from '../extensions/extensions';
import { startApi, token, type ApiServer } from '../../test/apiServer';

let api: ApiServer | undefined;
afterEach(async () => {
  cleanup();
  await api?.close();
  api = undefined;
});

describe('the admin pages', () => {
  it('refuse an account without the admin role, and the chat does not link to them', () => {
    const session = { name: 'bob', roles: ['user'] };
    render(<AdminPage session={session} path="/admin" token={token} />);
    expect(screen.getByRole('heading', { name: 'Administrators only' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Administration' })).toBeNull();
    expect(availableExtensions(session)).toEqual([]);
  });

  it('give an administrator the activity and accounts pages', async () => {
    api = await startApi({ 'GET /api/auth/admin/accounts': () => ({ status: 200, body: [] }) });
    const session = { name: 'admin', roles: ['user', 'admin'] };
    render(<AdminPage session={session} path="/admin/accounts" token={token} />);
    const nav = screen.getByRole('navigation', { name: 'Administration' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Accounts');
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    expect(availableExtensions(session).map((extension) => extension.path)).toEqual(['/admin']);
  });
});
