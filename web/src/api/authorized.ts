import { fetchWithTimeout, readProblem, type Problem } from './problems';

// Calls to the gateway's APIs with the signed-in account's access token. A failure is the server's
// problem response (RFC 9457), so pages can show its title and detail as they are.

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ? `${problem.title} ${problem.detail}` : problem.title);
  }
}

export async function authorizedFetch(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return fetchWithTimeout(path, { ...init, headers });
}

/** JSON on success; otherwise a {@link ProblemError} carrying the server's problem. */
export async function getJson<T>(path: string, token: string): Promise<T> {
  const response = await authorizedFetch(path, token);
  if (!response.ok) throw new ProblemError(await readProblem(response));
  return (await response.json()) as T;
}

/** A command (POST/PUT/DELETE) whose answer is only its status: ok, or the problem. */
export async function send(method: string, path: string, token: string, body?: unknown): Promise<Outcome<void>> {
  const response = await authorizedFetch(path, token, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) return { ok: false, problem: await readProblem(response) };
  await response.arrayBuffer().catch(() => undefined); // read to its end, see isAbsent
  return { ok: true, value: undefined };
}

/**
 * True when the server has no such endpoint (404), after reading the empty answer to its end: a
 * response whose body is never read is reported by the browser as an aborted request.
 */
export async function isAbsent(response: Response): Promise<boolean> {
  if (response.status !== 404) return false;
  await response.arrayBuffer().catch(() => undefined);
  return true;
}
