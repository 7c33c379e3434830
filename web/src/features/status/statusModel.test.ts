import { describe, expect, it } from 'vitest';
import type { StatusPayload } from '../../api/status';
import { StatusApiError } from '../../api/status';
import { deriveOverall, formatDuration, serviceLabel, serviceTone } from './statusModel';

const services = (...states: Array<'Healthy' | 'Unhealthy'>) =>
  states.map((status, i) => ({ name: `svc${i}`, status, durationMs: 10 }));

function payload(status: StatusPayload['status'], s = services('Healthy')): StatusPayload {
  return { status, checkedAt: '2026-11-25T15:00:00Z', services: s };
}

describe('deriveOverall', () => {
  it('is pending before the first answer', () => {
    expect(deriveOverall({ payload: null, error: null }).tone).toBe('pending');
  });

  it('maps Healthy to ok', () => {
    const view = deriveOverall({ payload: payload('Healthy', services('Healthy', 'Healthy')), error: null });
    expect(view).toEqual({
      tone: 'ok',
      label: 'All systems operational',
      detail: '2 of 2 services healthy.',
    });
  });

  it('maps Degraded to warn and counts unhealthy services', () => {
    const view = deriveOverall({
      payload: payload('Degraded', services('Healthy', 'Unhealthy', 'Healthy')),
      error: null,
    });
    expect(view.tone).toBe('warn');
    expect(view.detail).toBe('1 of 3 services unhealthy.');
  });

  it('maps Unhealthy to down', () => {
    expect(deriveOverall({ payload: payload('Unhealthy', services('Unhealthy')), error: null }).tone).toBe(
      'down',
    );
  });

  it('says "Gateway unreachable" on error, even with a last known payload', () => {
    const view = deriveOverall({
      payload: payload('Healthy'),
      error: new StatusApiError('network', 'The gateway could not be reached'),
    });
    expect(view.tone).toBe('down');
    expect(view.label).toBe('Gateway unreachable');
  });
});

describe('service helpers', () => {
  it('maps service states and names', () => {
    expect(serviceTone('Healthy')).toBe('ok');
    expect(serviceTone('Unhealthy')).toBe('down');
    expect(serviceLabel('tcpedge')).toBe('IRC edge (TCP)');
    expect(serviceLabel('something-new')).toBe('something-new');
  });

  it('formats durations', () => {
    expect(formatDuration(0.2)).toBe('<1 ms');
    expect(formatDuration(12)).toBe('12 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
  });
});
