import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchActivityCsv, fetchRecommenderReport, type DayRange } from '../../api/analytics';
import { ChartFigure } from './ChartFigure';
import { saveFile } from './download';
import { useOptionalReport } from './useOptionalReport';

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
const shortDay = (day: string) => day.slice(5);

/** Whether the recommendations help (docs/analytics.md, planned): click-through, joins after one, prefetch hits, the model's offline figures. */
export function RecommenderSection({ range, token }: { range: DayRange; token: () => Promise<string> }) {
  const { report, error } = useOptionalReport(range, token, fetchRecommenderReport);
  const [exportError, setExportError] = useState<string | null>(null);
  if (error) return <p className="form-error" role="alert">Recommender figures: {error}</p>;
  if (!report) return null;
  const { totals, model, days } = report;

  const exportCsv = async () => {
    setExportError(null);
    try {
      const { file, name } = await fetchActivityCsv(range, await token(), 'recommendations');
      saveFile(file, name);
    } catch (failure) {
      setExportError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <section aria-labelledby="recommender-heading" className="admin-section">
      <div className="admin-section-head">
        <h2 id="recommender-heading">Recommendations</h2>
        <button type="button" className="button" onClick={() => void exportCsv()}>Export recommendations CSV</button>
      </div>
      {exportError && <p className="form-error" role="alert">{exportError}</p>}
      <dl className="stat-tiles">
        <div><dt>Click-through rate</dt><dd>{percent(totals.clickThroughRate)}</dd><dd className="muted">{totals.clicks} of {totals.impressions} shown</dd></div>
        <div><dt>Joined after a suggestion</dt><dd>{percent(totals.joinAfterRecommendationRate)}</dd><dd className="muted">{totals.joinsAfterRecommendation} joins</dd></div>
        <div><dt>Prefetch hit rate</dt><dd>{percent(totals.prefetchHitRate)}</dd><dd className="muted">{totals.prefetchHits} hits, {totals.prefetchMisses} misses</dd>
          {totals.prefetchHitMilliseconds !== undefined && totals.prefetchMissMilliseconds !== undefined && (
            <dd className="muted">served in {totals.prefetchHitMilliseconds.toFixed(1)} ms vs {totals.prefetchMissMilliseconds.toFixed(1)} ms</dd>
          )}</div>
        <div><dt>Model in use</dt>
          {model
            ? <><dd>v{model.version}</dd><dd className="muted">HR@{model.k} {model.hitRate.toFixed(3)} vs popularity {model.popularityHitRate.toFixed(3)} ({model.liftOverPopularity.toFixed(2)}×)</dd></>
            : <dd className="muted">none announced yet</dd>}
        </div>
      </dl>
      <ChartFigure id="chart-recommender" title="Click-through and prefetch hit rate per day"
        summary={`Over the range: ${percent(totals.clickThroughRate)} of suggestions shown were followed; ${percent(totals.prefetchHitRate)} of rooms opened were already prefetched.`}
        rows={days} columns={[
          { label: 'Day', value: (day) => day.day },
          { label: 'Shown', value: (day) => day.impressions },
          { label: 'Clicked', value: (day) => day.clicks },
          { label: 'Click-through', value: (day) => percent(day.clickThroughRate) },
          { label: 'Dismissed', value: (day) => day.dismissals },
          { label: 'Joined after', value: (day) => day.joinsAfterRecommendation },
          { label: 'Prefetch hit rate', value: (day) => percent(day.prefetchHitRate) },
        ]}>
        <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
          <LineChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={shortDay} className="chart-axis" />
            <YAxis domain={[0, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} className="chart-axis" width={48} />
            <Tooltip wrapperClassName="chart-tooltip" formatter={(value) => percent(Number(value))} />
            <Legend />
            <Line type="monotone" dataKey="clickThroughRate" name="Click-through" className="series-1" stroke="#4a6cf7" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="prefetchHitRate" name="Prefetch hit rate" className="series-3" stroke="#15803d" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
    </section>
  );
}
