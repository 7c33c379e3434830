import { useEffect, useRef, useState } from 'react';
import { userManager } from './oidc';
import { useAuth } from './AuthContext';
import { navigate } from '../../router';

/** /auth/callback: exchanges the code (with the PKCE verifier) for tokens, then back into the app. */
export function CallbackPage() {
  const { adopt } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; a code is redeemed once.
    if (started.current) return;
    started.current = true;
    userManager().signinRedirectCallback().then(
      (user) => {
        adopt(user);
        const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
        navigate(returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', true);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [adopt]);

  return (
    <main id="main" className="centered-page">
      {error ? (
        <div className="card" role="alert">
          <h1>Sign-in did not complete</h1>
          <p>{error}</p>
          <a className="button" href="/">Back to the start</a>
        </div>
      ) : (
        <p role="status">Signing you in…</p>
      )}
    </main>
  );
}
