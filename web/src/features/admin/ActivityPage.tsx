import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { fetchActivity, fetchActivityCsv, type ActivityReport, type DayRange, type ReportName } from '../../api/analytics';
import { ActivityCharts } from './ActivityCharts';
import { lastDays, rangeErrors } from './dateRange';
import { saveFile } from './download';
import { ConnectionsSection } from './ConnectionsSection';
import { RecommenderSection } from './RecommenderSection';

const PRESETS = [7, 30, 90] as const;

/** Activity figures for a date range (docs/analytics.md), as charts and tables, and the CSV export. */
export function ActivityPage({ token, today = new Date() }: { token: () => Promise<string>; today?: Date }) {
  const [draft, setDraft] = useState<DayRange>(() => lastDays(7, today));
  const [range, setRange] = useState<DayRange>(draft);
  const [report, setReport] = useState<ActivityReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<ReportName | null>(null);
  const errors = rangeErrors(draft);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    token().then((value) => fetchActivity(range, value))
      .then((answer) => live && setReport(answer))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [range, token]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(errors).length === 0) setRange({ ...draft });
  };

  const preset = (days: number) => {
    const next = lastDays(days, today);
    setDraft(next);
    setRange(next);
  };

  const exportCsv = useCallback(async (name: ReportName) => {
    setExporting(name);
    setError(null);
    try {
      const { file, name: fileName } = await fetchActivityCsv(range, await token(), name);
      saveFile(file, fileName);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setExporting(null);
    }
  }, [range, token]);

  return (
    <section aria-labelledby="activity-heading" className="admin-section">
      <div className="admin-section-head">
        <h1 id="activity-heading">Activity</h1>
        <div className="admin-section-actions">
          <button type="button" className="button" onClick={() => void exportCsv('activity')} disabled={exporting !== null}>
            {exporting === 'activity' ? 'Exporting…' : 'Export CSV'}
          </button>
          {report?.usageHours && (
            <button type="button" className="button" onClick={() => void exportCsv('usage')} disabled={exporting !== null}>
              {exporting === 'usage' ? 'Exporting…' : 'Export searches and reads CSV'}
            </button>
          )}
        </div>
      </div>
      <form className="range-form" onSubmit={apply} aria-label="Date range" noValidate>
        <div className="field">
          <label htmlFor="range-from">From</label>
          <input id="range-from" type="date" value={draft.from} aria-invalid={errors.from ? true : undefined}
            aria-describedby="range-from-error" onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
          <p id="range-from-error" className="field-error">{errors.from ?? ''}</p>
        </div>
        <div className="field">
          <label htmlFor="range-to">To</label>
          <input id="range-to" type="date" value={draft.to} aria-invalid={errors.to ? true : undefined}
            aria-describedby="range-to-error" onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
          <p id="range-to-error" className="field-error">{errors.to ?? ''}</p>
        </div>
        <button type="submit" className="button primary" disabled={Object.keys(errors).length > 0}>Show</button>
        <div className="presets" role="group" aria-label="Quick ranges">
          {PRESETS.map((days) => (
            <button key={days} type="button" className="button subtle" onClick={() => preset(days)}>Last {days} days</button>
          ))}
        </div>
      </form>
      <p className="muted" role="status">{loading ? 'Loading…' : report ? `${report.from} to ${report.to} (UTC)` : ''}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      {report && <ActivityCharts report={report} />}
      <RecommenderSection range={range} token={token} />
      <ConnectionsSection range={range} token={token} />
    </section>
  );
}
