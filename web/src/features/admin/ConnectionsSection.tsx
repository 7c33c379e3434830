import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchConnectionsReport, type DayRange } from '../../api/analytics';
import { ChartFigure } from './ChartFigure';
import { useOptionalReport } from './useOptionalReport';

const hourLabel = (hour: string) => `${hour.slice(5, 10)} ${hour.slice(11, 16)}`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Connections by kind, weekly active accounts and retention (docs/analytics.md, planned). */
export function ConnectionsSection({ range, token }: { range: DayRange; token: () => Promise<string> }) {
  const { report, error } = useOptionalReport(range, token, fetchConnectionsReport);
  if (error) return <p className="form-error" role="alert">Connection figures: {error}</p>;
  if (!report) return null;
  const { hours, weeks, retention } = report;
  const longest = Math.max(0, ...retention.map((cohort) => cohort.retained.length));
  const peak = hours.reduce((best, hour) => Math.max(best, hour.tcp + hour.web), 0);
  return (
    <section aria-labelledby="connections-heading" className="admin-section">
      <h2 id="connections-heading">Connections and retention</h2>
      <div className="chart-grid">
        <ChartFigure id="chart-connections" title="Connections open at once, by kind"
          summary={`At most ${peak} connections at once in an hour of this range.`}
          rows={hours} columns={[
            { label: 'Hour (UTC)', value: (hour) => hourLabel(hour.hour) },
            { label: 'Terminal (IRC)', value: (hour) => hour.tcp },
            { label: 'Web', value: (hour) => hour.web },
          ]}>
          <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
            <AreaChart accessibilityLayer={false} data={hours} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
              <XAxis dataKey="hour" tickFormatter={hourLabel} className="chart-axis" minTickGap={24} />
              <YAxis allowDecimals={false} className="chart-axis" width={40} />
              <Tooltip wrapperClassName="chart-tooltip" labelFormatter={(label) => hourLabel(String(label))} />
              <Legend />
              <Area type="monotone" dataKey="tcp" name="Terminal (IRC)" stackId="kind" className="series-1" stroke="#4a6cf7" fill="#4a6cf7" fillOpacity={0.35} isAnimationActive={false} />
              <Area type="monotone" dataKey="web" name="Web" stackId="kind" className="series-2" stroke="#c2410c" fill="#c2410c" fillOpacity={0.35} isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ChartFigure id="chart-weekly" title="Weekly active accounts"
          summary={weeks.length === 0 ? 'No activity in this range.' : `${weeks.at(-1)!.activeAccounts} accounts active in the week of ${weeks.at(-1)!.weekStart}.`}
          rows={weeks} columns={[
            { label: 'Week of', value: (week) => week.weekStart },
            { label: 'Active accounts', value: (week) => week.activeAccounts },
          ]}>
          <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
            <BarChart accessibilityLayer={false} data={weeks} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
              <XAxis dataKey="weekStart" className="chart-axis" />
              <YAxis allowDecimals={false} className="chart-axis" width={40} />
              <Tooltip wrapperClassName="chart-tooltip" />
              <Bar dataKey="activeAccounts" name="Active accounts" className="series-1" fill="#4a6cf7" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>
      <div className="table-scroll chart-card">
        <table className="retention-table">
          <caption>Retention: share of each week's new accounts active in the weeks after</caption>
          <thead>
            <tr>
              <th scope="col">Joined week of</th>
              <th scope="col">Accounts</th>
              {Array.from({ length: longest }, (_, week) => <th key={week} scope="col">Week {week}</th>)}
            </tr>
          </thead>
          <tbody>
            {retention.map((cohort) => (
              <tr key={cohort.cohortWeek}>
                <th scope="row">{cohort.cohortWeek}</th>
                <td>{cohort.accounts}</td>
                {Array.from({ length: longest }, (_, week) => <td key={week}>{week < cohort.retained.length ? percent(cohort.retained[week]!) : ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
