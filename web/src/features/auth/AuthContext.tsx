import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from 'oidc-client-ts';
import { signOutEverywhere as signOutEverywhereApi } from '../../api/accounts';
import { accessToken, signIn, signOutHere, userManager } from './oidc';

export interface Session {
  name: string;
  roles: string[];
}

interface AuthState {
  /** undefined while the stored session is read. */
  session: Session | null | undefined;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
  /** Called by the callback page once the code is exchanged. */
  adopt: (user: User) => void;
}

const AuthContext = createContext<AuthState | null>(null);

function sessionOf(user: User | null): Session | null {
  if (!user || user.expired && !user.refresh_token) return null;
  const profile = user.profile as Record<string, unknown>;
  const role = profile.role;
  const roles = Array.isArray(role) ? role.map(String) : typeof role === 'string' ? [role] : [];
  const name = String(profile.name ?? profile.preferred_username ?? profile.sub);
  return { name, roles };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    const users = userManager();
    let live = true;
    users.getUser().then((user) => live && setSession(sessionOf(user)), () => live && setSession(null));
    const loaded = (user: User) => setSession(sessionOf(user));
    const gone = () => setSession(null);
    users.events.addUserLoaded(loaded);
    users.events.addUserUnloaded(gone);
    users.events.addSilentRenewError(gone);
    return () => {
      live = false;
      users.events.removeUserLoaded(loaded);
      users.events.removeUserUnloaded(gone);
      users.events.removeSilentRenewError(gone);
    };
  }, []);

  const signOut = useCallback(async () => {
    await signOutHere();
    setSession(null);
  }, []);

  const signOutEverywhere = useCallback(async () => {
    await signOutEverywhereApi(await accessToken());
    await signOutHere();
    setSession(null);
  }, []);

  const value = useMemo<AuthState>(() => ({
    session,
    signIn: () => signIn('/'),
    signOut,
    signOutEverywhere,
    adopt: (user) => setSession(sessionOf(user)),
  }), [session, signOut, signOutEverywhere]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
