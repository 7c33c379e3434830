import type { OverallStatus, ServiceHealth, StatusPayload } from '../../api/status';

/** Visual tone of an indicator; each tone maps to a CSS class and always comes with text. */
export type Tone = 'ok' | 'warn' | 'down' | 'pending';

export interface OverallView {
  tone: Tone;
  /** Short headline, e.g. "All systems operational". */
  label: string;
  /** One-sentence explanation under the headline. */
  detail: string;
}

export interface StatusSnapshot {
  payload: StatusPayload | null;
  error: Error | null;
}

const OVERALL: Record<OverallStatus, Omit<OverallView, 'detail'>> = {
  Healthy: { tone: 'ok', label: 'All systems operational' },
  Degraded: { tone: 'warn', label: 'Partially degraded' },
  Unhealthy: { tone: 'down', label: 'Service outage' },
};

function countDown(payload: StatusPayload): number {
  return payload.services.filter((s) => s.status !== 'Healthy').length;
}

/** Derives the headline, explanation and tone shown for the whole system. */
export function deriveOverall(snapshot: StatusSnapshot): OverallView {
  if (snapshot.error) {
    return {
      tone: 'down',
      label: 'Gateway unreachable',
      detail: `${snapshot.error.message}. Retrying automatically.`,
    };
  }
  const { payload } = snapshot;
  if (!payload) {
    return { tone: 'pending', label: 'Checking status…', detail: 'Contacting the gateway.' };
  }

  const base = OVERALL[payload.status];
  const total = payload.services.length;
  const down = countDown(payload);
  let detail: string;
  if (total === 0) {
    detail = 'No services reported.';
  } else if (down === 0) {
    detail = `${total} of ${total} services healthy.`;
  } else {
    detail = `${down} of ${total} ${total === 1 ? 'service' : 'services'} unhealthy.`;
  }
  return { ...base, detail };
}

export function serviceTone(status: ServiceHealth): Tone {
  return status === 'Healthy' ? 'ok' : 'down';
}

const SERVICE_LABELS: Record<string, string> = {
  auth: 'Authentication',
  messages: 'Messages',
  history: 'History',
  recommendations: 'Recommendations',
  analytics: 'Analytics',
  tcpedge: 'IRC edge (TCP)',
};

/** Human-friendly name for a service id; unknown ids are shown as they are. */
export function serviceLabel(name: string): string {
  return SERVICE_LABELS[name] ?? name;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
