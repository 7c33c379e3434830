import { useEffect, useState } from 'react';
import type { DayRange } from '../../api/analytics';

/** A report that may not exist on this server: null until loaded and when the server answers 404. */
export function useOptionalReport<T>(range: DayRange, token: () => Promise<string>, fetch: (range: DayRange, token: string) => Promise<T | null>) {
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    token().then((value) => fetch(range, value))
      .then((answer) => live && setReport(answer))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [range, token, fetch]);
  return { report, error };
}
