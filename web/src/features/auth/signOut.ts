import type { UserManager } from 'oidc-client-ts';

/**
 * Signs this tab out at the provider, not only here (docs/security.md, "Signing out"): the refresh
 * token is revoked, then the browser goes to the provider's end_session_endpoint (OpenID Connect
 * RP-Initiated Logout) with the ID token as hint, which ends the provider's sign-in session and
 * comes back to the post-logout URI the web client registered. The endpoint is the one the
 * provider's discovery names: the auth service's /connect/endsession, or the Keycloak realm's.
 *
 * Resolves true when the browser is on its way to the provider; false when the provider names no
 * end_session_endpoint, and only the tokens here were forgotten.
 */
export async function endSession(users: UserManager): Promise<boolean> {
  try {
    await users.revokeTokens(['refresh_token']);
  } catch {
    // Already revoked or the provider unreachable: ending the session below still signs out.
  }
  let endpoint: string | undefined;
  try {
    endpoint = await users.metadataService.getEndSessionEndpoint();
  } catch {
    endpoint = undefined; // discovery unreachable: at least forget the tokens
  }
  if (!endpoint) {
    await users.removeUser();
    return false;
  }
  // Forgets the user here, then navigates (the ID token goes along as id_token_hint).
  await users.signoutRedirect();
  return true;
}
