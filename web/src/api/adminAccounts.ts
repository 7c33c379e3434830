import { getJson, send, type Outcome } from './authorized';

// Auth's administration API (docs/security.md, "Administrators"), under the gateway's
// /api/auth/admin prefix, which the gateway strips to auth's /admin/accounts.

export interface AdminAccount {
  id: string;
  name: string;
  displayName: string;
  roles: string[];
  createdAt: string;
  disabled: boolean;
}

export const ACCOUNTS_PAGE = 50;
const BASE = '/api/auth/admin/accounts';

export function listAccounts(token: string, after?: string, limit = ACCOUNTS_PAGE): Promise<AdminAccount[]> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (after) query.set('after', after);
  return getJson<AdminAccount[]>(`${BASE}?${query}`, token);
}

export const grantRole = (token: string, id: string, role: string): Promise<Outcome<void>> =>
  send('POST', `${BASE}/${encodeURIComponent(id)}/roles`, token, { role });

export const revokeRole = (token: string, id: string, role: string): Promise<Outcome<void>> =>
  send('DELETE', `${BASE}/${encodeURIComponent(id)}/roles/${encodeURIComponent(role)}`, token);

export const disableAccount = (token: string, id: string): Promise<Outcome<void>> =>
  send('POST', `${BASE}/${encodeURIComponent(id)}/disable`, token);

export const enableAccount = (token: string, id: string): Promise<Outcome<void>> =>
  send('POST', `${BASE}/${encodeURIComponent(id)}/enable`, token);
