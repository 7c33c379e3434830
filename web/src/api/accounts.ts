import { fetchWithTimeout, readProblem, type Problem } from './problems';

// Auth's API through the gateway (/api/auth → auth): sign-up before any token, the account's own
// security with the access token (docs/security.md, "The signed-in user's own security").

export interface SignUpRequest {
  name: string;
  password: string;
  email?: string;
}

export type SignUpResult = { ok: true; name: string } | { ok: false; problem: Problem };

export async function signUp(request: SignUpRequest): Promise<SignUpResult> {
  const response = await fetchWithTimeout('/api/auth/accounts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: request.name, password: request.password, email: request.email || null }),
  });
  if (response.ok) {
    const created = (await response.json()) as { name: string };
    return { ok: true, name: created.name };
  }
  return { ok: false, problem: await readProblem(response) };
}

/** Ends every session of the account: refresh tokens, sign-in sessions, and access tokens soon after. */
export async function signOutEverywhere(accessToken: string): Promise<void> {
  const response = await fetchWithTimeout('/api/auth/account/sign-out-everywhere', {
    method: 'POST',
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new Error(problem.detail ?? problem.title);
  }
}
