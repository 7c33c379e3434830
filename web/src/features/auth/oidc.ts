import { UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';
import { endSession } from './signOut';

// Sign-in with OpenID Connect, authorization code + PKCE (docs/security.md, "The web app"). With the
// built-in provider the gateway's address is the issuer, so the authority is this page's own origin;
// in Keycloak mode the gateway's /app-config.json names the realm. Tokens live in sessionStorage
// (this tab, gone when it closes), never in localStorage.

export const CALLBACK_PATH = '/auth/callback';
// A sign-out ends the provider's sign-in session (signOut.ts). Where the provider offers no
// end_session_endpoint, its session would let the next sign-in through without a password; this
// marker asks for the password again (prompt=login) once.
const SIGNED_OUT_MARKER = 'chatcloud.signedOut';

let manager: UserManager | undefined;
let signInAuthority: string | null = null;

/** Reads where to sign in (GET /app-config.json) once, before the app renders. */
export async function loadSignInConfig(): Promise<void> {
  try {
    const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
    if (response.ok) {
      const config = (await response.json()) as { authority?: string | null };
      signInAuthority = config.authority ?? null;
    }
  } catch {
    // Offline (the PWA shell): signing in needs the network anyway; this origin is the default.
  }
}

/** The web client as both providers register it: the auth service (AppHost) and the Keycloak realm. */
export function webClientSettings(authority: string, origin: string, store: Storage): UserManagerSettings {
  return {
    authority,
    client_id: 'chatcloud-web',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile roles offline_access',
    userStore: new WebStorageStateStore({ store }),
    stateStore: new WebStorageStateStore({ store }),
    // Access tokens last 10 minutes; the refresh token renews them (one tab, one chain: security.md).
    automaticSilentRenew: true,
    loadUserInfo: false,
  };
}

export function userManager(): UserManager {
  manager ??= new UserManager(webClientSettings(signInAuthority ?? window.location.origin, window.location.origin, window.sessionStorage));
  return manager;
}

export async function signIn(returnTo = window.location.pathname): Promise<void> {
  const signedOut = sessionStorage.getItem(SIGNED_OUT_MARKER) !== null;
  sessionStorage.removeItem(SIGNED_OUT_MARKER);
  await userManager().signinRedirect({ state: { returnTo }, prompt: signedOut ? 'login' : undefined });
}

/** Revokes the refresh token and ends the provider's sign-in session; the browser leaves for the provider and comes back to /. */
export async function signOutHere(): Promise<void> {
  if (!(await endSession(userManager()))) {
    sessionStorage.setItem(SIGNED_OUT_MARKER, '1');
  }
}

/** The current access token, renewed first when it is about to expire. */
export async function accessToken(): Promise<string> {
  const users = userManager();
  let user = await users.getUser();
  if (user && (user.expires_in ?? 0) < 30 && user.refresh_token) {
    user = await users.signinSilent();
  }
  if (!user?.access_token) throw new Error('Not signed in.');
  return user.access_token;
}
