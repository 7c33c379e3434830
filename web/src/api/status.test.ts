import { describe, expect, it } from 'vitest';
import { fetchStatus, parseStatusPayload, StatusApiError, type StatusPayload } from './status';

const healthy: StatusPayload = {
  status: 'Healthy',
  checkedAt: '2026-11-25T15:00:00Z',
  services: [
    { name: 'auth', status: 'Healthy', durationMs: 12 },
    { name: 'messages', status: 'Healthy', durationMs: 8 },
  ],
};

function fakeFetch(response: Response | Error): typeof fetch {
  return (async () => {
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('fetchStatus', () => {
  it('returns the payload on 200', async () => {
    const result = await fetchStatus({ fetchImpl: fakeFetch(json(healthy)) });
    expect(result).toEqual(healthy);
  });

  it('keeps the service order returned by the gateway', async () => {
    const names = ['tcpedge', 'auth', 'analytics'];
    const body = {
      ...healthy,
      services: names.map((name) => ({ name, status: 'Healthy', durationMs: 1 })),
    };
    const result = await fetchStatus({ fetchImpl: fakeFetch(json(body)) });
    expect(result.services.map((s) => s.name)).toEqual(names);
  });

  it('throws an http StatusApiError on a non-200 answer without a status body', async () => {
    const response = new Response('<html>Bad gateway</html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html' },
    });
    const error = await fetchStatus({ fetchImpl: fakeFetch(response) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusApiError);
    expect((error as StatusApiError).kind).toBe('http');
    expect((error as StatusApiError).httpStatus).toBe(502);
  });

  it('still returns a valid status body sent with 503 (Unhealthy)', async () => {
    const body: StatusPayload = {
      status: 'Unhealthy',
      checkedAt: '2026-11-25T15:00:00Z',
      services: [{ name: 'auth', status: 'Unhealthy', durationMs: 5000 }],
    };
    const result = await fetchStatus({ fetchImpl: fakeFetch(json(body, 503)) });
    expect(result.status).toBe('Unhealthy');
  });

  it('throws a network StatusApiError when fetch rejects', async () => {
    const error = await fetchStatus({ fetchImpl: fakeFetch(new TypeError('Failed to fetch')) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatusApiError);
    expect((error as StatusApiError).kind).toBe('network');
  });

  it('throws an invalid StatusApiError on a 200 that is not the contract (e.g. an HTML fallback)', async () => {
    const response = new Response('<!doctype html><html></html>', { status: 200 });
    const error = await fetchStatus({ fetchImpl: fakeFetch(response) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusApiError);
    expect((error as StatusApiError).kind).toBe('invalid');
  });
});

describe('parseStatusPayload', () => {
  it('rejects unknown status values and malformed services', () => {
    expect(parseStatusPayload({ ...healthy, status: 'Fine' })).toBeNull();
    expect(parseStatusPayload({ ...healthy, services: [{ name: 'auth' }] })).toBeNull();
    expect(parseStatusPayload(null)).toBeNull();
  });
});
