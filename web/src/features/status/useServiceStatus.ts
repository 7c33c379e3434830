import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchStatus, type StatusPayload } from '../../api/status';

export const POLL_INTERVAL_MS = 10_000;

export interface ServiceStatusState {
  /** Last payload received; kept while the gateway is unreachable so the last known state stays visible. */
  payload: StatusPayload | null;
  /** Error of the most recent attempt, or null if it succeeded. */
  error: Error | null;
  /** True while a request is in flight. */
  loading: boolean;
  /** When the most recent attempt finished (client clock). */
  lastAttemptAt: Date | null;
  /** Starts a check now instead of waiting for the next poll. */
  refresh: () => void;
}

/** Polls GET /api/status every `intervalMs` (default 10 s), one request at a time. */
export function useServiceStatus(intervalMs: number = POLL_INTERVAL_MS): ServiceStatusState {
  const [payload, setPayload] = useState<StatusPayload | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [lastAttemptAt, setLastAttemptAt] = useState<Date | null>(null);
  const [tick, setTick] = useState(0);
  const inFlight = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const run = async () => {
      inFlight.current = true;
      setLoading(true);
      try {
        const next = await fetchStatus({ signal: controller.signal });
        if (controller.signal.aborted) return;
        setPayload(next);
        setError(null);
      } catch (err) {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err : new Error('Unknown error'));
      } finally {
        inFlight.current = false;
        if (!controller.signal.aborted) {
          setLoading(false);
          setLastAttemptAt(new Date());
          timer = setTimeout(() => void run(), intervalMs);
        }
      }
    };

    void run();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, tick]);

  const refresh = useCallback(() => {
    if (!inFlight.current) setTick((t) => t + 1);
  }, []);

  return { payload, error, loading, lastAttemptAt, refresh };
}
