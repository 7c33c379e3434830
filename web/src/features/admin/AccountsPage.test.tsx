// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountsPage } from './AccountsPage';
import { problem, startApi, token, type ApiServer } from '../../test/apiServer';

const accounts = [
  { id: '11111111-1111-1111-1111-111111111111', name: 'admin', displayName: 'admin', roles: ['user', 'admin'], createdAt: '2026-11-01T10:00:00Z', disabled: false },
  { id: '22222222-2222-2222-2222-222222222222', name: 'bob', displayName: 'Bob B', roles: ['user'], createdAt: '2026-11-20T10:00:00Z', disabled: false },
];

let api: ApiServer | undefined;
afterEach(async () => {
  cleanup();
  await api?.close();
});

describe('the accounts page', () => {
  it('lists accounts and grants, disables and enables with the token', async () => {
    api = await startApi({
      'GET /api/auth/admin/accounts': () => ({ status: 200, body: accounts }),
      [`POST /api/auth/admin/accounts/${accounts[1]!.id}/roles`]: () => ({ status: 204 }),
      [`POST /api/auth/admin/accounts/${accounts[1]!.id}/disable`]: () => ({ status: 204 }),
      [`POST /api/auth/admin/accounts/${accounts[1]!.id}/enable`]: () => ({ status: 204 }),
    });
    const user = userEvent.setup();
    render(<AccountsPage token={token} me="admin" />);

    const bob = (await screen.findByRole('rowheader', { name: /bob/ })).closest('tr')!;
    expect(within(bob).getByText('Active')).toBeTruthy();
    await user.click(within(bob).getByRole('button', { name: 'Make admin bob' }));
    expect(await screen.findByText(/bob is an administrator now/)).toBeTruthy();
    expect(within(bob).getByText('user, admin')).toBeTruthy();
    await user.click(within(bob).getByRole('button', { name: 'Disable bob' }));
    expect(await within(bob).findByText('Disabled')).toBeTruthy();
    await user.click(within(bob).getByRole('button', { name: 'Enable bob' }));
    expect(await within(bob).findByText('Active')).toBeTruthy();

    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/auth/admin/accounts',
      `POST /api/auth/admin/accounts/${accounts[1]!.id}/roles`,
      `POST /api/auth/admin/accounts/${accounts[1]!.id}/disable`,
      `POST /api/auth/admin/accounts/${accounts[1]!.id}/enable`,
    ]);
    expect(api.requests[1]!.body).toEqual({ role: 'admin' });
    expect(api.requests.every((request) => request.authorization === 'Bearer test-token')).toBe(true);
  });

  it('shows the 409 guards as the server words them, and changes nothing', async () => {
    api = await startApi({
      'GET /api/auth/admin/accounts': () => ({ status: 200, body: accounts }),
      [`DELETE /api/auth/admin/accounts/${accounts[0]!.id}/roles/admin`]: () =>
        problem(409, 'That would leave no active administrator.', 'Grant the admin role to another account first.'),
      [`POST /api/auth/admin/accounts/${accounts[0]!.id}/disable`]: () => problem(409, 'You cannot disable your own account.', 'Ask another administrator.'),
    });
    const user = userEvent.setup();
    render(<AccountsPage token={token} me="admin" />);

    const me = (await screen.findByRole('rowheader', { name: /admin/ })).closest('tr')!;
    await user.click(within(me).getByRole('button', { name: 'Remove admin from admin' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That would leave no active administrator. Grant the admin role to another account first.');
    expect(within(me).getByText('user, admin')).toBeTruthy();
    await user.click(within(me).getByRole('button', { name: 'Disable admin' }));
    expect(await screen.findByText('You cannot disable your own account. Ask another administrator.')).toBeTruthy();
    expect(within(me).getByText('Active')).toBeTruthy();
  });

  it('says so when the token is not an administrator\'s', async () => {
    api = await startApi({ 'GET /api/auth/admin/accounts': () => problem(403, 'Forbidden') });
    render(<AccountsPage token={token} me="bob" />);
    expect((await screen.findByRole('alert')).textContent).toBe('Forbidden');
  });
});
