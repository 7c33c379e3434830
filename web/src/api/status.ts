/**
 * Typed client for the gateway's `GET /api/status` endpoint.
 *
 * Contract (implemented by the YARP gateway):
 * {
 *   "status": "Healthy" | "Degraded" | "Unhealthy",
 *   "checkedAt": "2026-11-25T15:00:00Z",
 *   "services": [ { "name": "auth", "status": "Healthy" | "Unhealthy", "durationMs": 12 } ]
 * }
 */

export type OverallStatus = 'Healthy' | 'Degraded' | 'Unhealthy';
export type ServiceHealth = 'Healthy' | 'Unhealthy';

export interface ServiceStatus {
  name: string;
  status: ServiceHealth;
  durationMs: number;
}

export interface StatusPayload {
  status: OverallStatus;
  checkedAt: string;
  services: ServiceStatus[];
}

export const STATUS_ENDPOINT = '/api/status';

/** Why a status request failed; the UI shows "Gateway unreachable" for all of them. */
export type StatusErrorKind = 'network' | 'http' | 'invalid' | 'timeout';

export class StatusApiError extends Error {
  readonly kind: StatusErrorKind;
  /** HTTP status code when the gateway answered, otherwise undefined. */
  readonly httpStatus: number | undefined;

  constructor(kind: StatusErrorKind, message: string, httpStatus?: number) {
    super(message);
    this.name = 'StatusApiError';
    this.kind = kind;
    this.httpStatus = httpStatus;
  }
}

const OVERALL_VALUES: readonly string[] = ['Healthy', 'Degraded', 'Unhealthy'];
const SERVICE_VALUES: readonly string[] = ['Healthy', 'Unhealthy'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates an unknown JSON value against the contract; returns null if it does not match. */
export function parseStatusPayload(value: unknown): StatusPayload | null {
  if (!isRecord(value)) return null;
  const { status, checkedAt, services } = value;
  if (typeof status !== 'string' || !OVERALL_VALUES.includes(status)) return null;
  if (typeof checkedAt !== 'string') return null;
  if (!Array.isArray(services)) return null;

  const parsed: ServiceStatus[] = [];
  for (const item of services) {
    if (!isRecord(item)) return null;
    const { name, status: serviceStatus, durationMs } = item;
    if (typeof name !== 'string' || name.length === 0) return null;
    if (typeof serviceStatus !== 'string' || !SERVICE_VALUES.includes(serviceStatus)) return null;
    if (typeof durationMs !== 'number' || !Number.isFinite(durationMs)) return null;
    parsed.push({ name, status: serviceStatus as ServiceHealth, durationMs });
  }

  return { status: status as OverallStatus, checkedAt, services: parsed };
}

export interface FetchStatusOptions {
  signal?: AbortSignal;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Give up after this many milliseconds (default 8000). */
  timeoutMs?: number;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Fetches the gateway status.
 *
 * A non-2xx answer is an error, except when its body is still a valid status
 * payload (a health endpoint may answer 503 while reporting "Unhealthy"):
 * then the payload is returned so the UI can show which services are down.
 */
export async function fetchStatus(options: FetchStatusOptions = {}): Promise<StatusPayload> {
  const { signal, fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = 8000 } = options;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onOuterAbort = () => timeout.abort();
  signal?.addEventListener('abort', onOuterAbort, { once: true });

  let response: Response;
  try {
    response = await fetchImpl(STATUS_ENDPOINT, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
      signal: timeout.signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (timeout.signal.aborted) {
      throw new StatusApiError('timeout', `No answer from the gateway within ${timeoutMs} ms`);
    }
    throw new StatusApiError('network', 'The gateway could not be reached');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }

  const body = await readJson(response);
  const payload = parseStatusPayload(body);

  if (!response.ok) {
    if (payload) return payload;
    throw new StatusApiError(
      'http',
      `The gateway answered HTTP ${response.status}`,
      response.status,
    );
  }

  if (!payload) {
    throw new StatusApiError('invalid', 'The gateway sent an unexpected status response');
  }
  return payload;
}
