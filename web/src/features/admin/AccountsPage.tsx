import { useCallback, useEffect, useState } from 'react';
import { ACCOUNTS_PAGE, disableAccount, enableAccount, grantRole, listAccounts, revokeRole, type AdminAccount } from '../../api/adminAccounts';
import type { Outcome } from '../../api/authorized';

type Change = 'grant' | 'revoke' | 'disable' | 'enable';

const DONE: Record<Change, (name: string) => string> = {
  grant: (name) => `${name} is an administrator now (from their next sign-in or token refresh).`,
  revoke: (name) => `${name} is no longer an administrator (from their next token refresh).`,
  disable: (name) => `${name} is disabled: signed out everywhere and cannot sign in.`,
  enable: (name) => `${name} can sign in again.`,
};

/** The accounts, a page at a time, with the administrators' changes (docs/security.md, "Administrators"). */
export function AccountsPage({ token, me }: { token: () => Promise<string>; me: string }) {
  const [accounts, setAccounts] = useState<AdminAccount[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(async (after?: string) => {
    try {
      const page = await listAccounts(await token(), after);
      setAccounts((current) => (after ? [...current, ...page] : page));
      setMore(page.length === ACCOUNTS_PAGE);
    } catch (failure) {
      setNotice({ kind: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  const change = async (account: AdminAccount, what: Change) => {
    setBusy(account.id);
    setNotice(null);
    try {
      const value = await token();
      const outcome: Outcome<void> = what === 'grant' ? await grantRole(value, account.id, 'admin')
        : what === 'revoke' ? await revokeRole(value, account.id, 'admin')
          : what === 'disable' ? await disableAccount(value, account.id)
            : await enableAccount(value, account.id);
      if (outcome.ok) {
        setNotice({ kind: 'ok', text: DONE[what](account.name) });
        setAccounts((current) => current.map((entry) => (entry.id !== account.id ? entry : {
          ...entry,
          roles: what === 'grant' ? [...new Set([...entry.roles, 'admin'])] : what === 'revoke' ? entry.roles.filter((role) => role !== 'admin') : entry.roles,
          disabled: what === 'disable' ? true : what === 'enable' ? false : entry.disabled,
        })));
      } else {
        // The 409 guards (your own account, the last administrator) say why in title and detail.
        const { title, detail, status } = outcome.problem;
        setNotice({ kind: 'error', text: status === 404 ? `${account.name} no longer exists.` : `${title}${detail ? ` ${detail}` : ''}` });
      }
    } catch (failure) {
      setNotice({ kind: 'error', text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="accounts-heading" className="admin-section">
      <h1 id="accounts-heading">Accounts</h1>
      <div aria-live="polite">
        {notice && <p className={notice.kind === 'ok' ? 'form-ok' : 'form-error'} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</p>}
      </div>
      <div className="table-scroll">
        <table className="accounts-table">
          <caption className="visually-hidden">Accounts by name</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Roles</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const admin = account.roles.includes('admin');
              const self = account.name.toLowerCase() === me.toLowerCase();
              return (
                <tr key={account.id} className={account.disabled ? 'disabled-account' : undefined}>
                  <th scope="row">{account.name}{account.displayName !== account.name && <span className="muted"> ({account.displayName})</span>}{self && <span className="muted"> (you)</span>}</th>
                  <td>{account.roles.join(', ')}</td>
                  <td><time dateTime={account.createdAt}>{account.createdAt.slice(0, 10)}</time></td>
                  <td>{account.disabled ? <span className="status-pill down">Disabled</span> : <span className="status-pill ok">Active</span>}</td>
                  <td><div className="row-actions">
                    <button type="button" className="button" disabled={busy !== null} aria-label={`${admin ? 'Remove admin from' : 'Make admin'} ${account.name}`}
                      onClick={() => void change(account, admin ? 'revoke' : 'grant')}>{admin ? 'Remove admin' : 'Make admin'}</button>
                    <button type="button" className={`button ${account.disabled ? '' : 'danger'}`} disabled={busy !== null}
                      aria-label={`${account.disabled ? 'Enable' : 'Disable'} ${account.name}`}
                      onClick={() => void change(account, account.disabled ? 'enable' : 'disable')}>{account.disabled ? 'Enable' : 'Disable'}</button>
                  </div></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {more && <button type="button" className="button" onClick={() => void load(accounts.at(-1)?.name)}>Load more accounts</button>}
    </section>
  );
}
