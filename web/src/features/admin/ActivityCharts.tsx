import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityReport } from '../../api/analytics';
import { ChartFigure } from './ChartFigure';

// The activity report as charts (recharts, SVG). Colours come from the theme's CSS variables through
// class names (styles/admin.css), so the charts follow dark and light like the rest of the app.

const HEIGHT = 240;
const INITIAL = { width: 640, height: HEIGHT };

const shortDay = (day: string) => day.slice(5);
const hourLabel = (hour: string) => `${hour.slice(5, 10)} ${hour.slice(11, 16)}`;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export function ActivityCharts({ report }: { report: ActivityReport }) {
  const { days, topRooms, hours } = report;
  const usage = report.usageHours ?? [];
  const messages = sum(days.map((day) => day.messages));
  const peakActive = Math.max(0, ...days.map((day) => day.activeAccounts));
  return (
    <div className="chart-grid">
      <ChartFigure id="chart-activity" title="Active accounts and messages per day"
        summary={`${messages} room messages in ${days.length} days; at most ${peakActive} active accounts in a day.`}
        rows={days} columns={[
          { label: 'Day', value: (day) => day.day },
          { label: 'Active accounts', value: (day) => day.activeAccounts },
          { label: 'Room messages', value: (day) => day.messages },
          { label: 'Direct messages', value: (day) => day.directMessages },
          { label: 'Joins', value: (day) => day.joins },
          { label: 'New accounts', value: (day) => day.newAccounts },
        ]}>
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
          <LineChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={shortDay} className="chart-axis" />
            <YAxis allowDecimals={false} className="chart-axis" width={40} />
            <Tooltip wrapperClassName="chart-tooltip" />
            <Legend />
            <Line type="monotone" dataKey="activeAccounts" name="Active accounts" className="series-1" stroke="#4a6cf7" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="messages" name="Room messages" className="series-2" stroke="#c2410c" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="newAccounts" name="New accounts" className="series-3" stroke="#15803d" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>

      <ChartFigure id="chart-sign-ins" title="Sign-ins per day by kind"
        summary={`${sum(days.map((day) => day.tcpSignIns))} terminal (IRC) and ${sum(days.map((day) => day.webSignIns))} web sign-ins.`}
        rows={days} columns={[
          { label: 'Day', value: (day) => day.day },
          { label: 'Terminal (IRC)', value: (day) => day.tcpSignIns },
          { label: 'Web', value: (day) => day.webSignIns },
        ]}>
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
          <BarChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={shortDay} className="chart-axis" />
            <YAxis allowDecimals={false} className="chart-axis" width={40} />
            <Tooltip wrapperClassName="chart-tooltip" />
            <Legend />
            <Bar dataKey="tcpSignIns" name="Terminal (IRC)" stackId="kind" className="series-1" fill="#4a6cf7" isAnimationActive={false} />
            <Bar dataKey="webSignIns" name="Web" stackId="kind" className="series-2" fill="#c2410c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>

      <ChartFigure id="chart-rooms" title="Busiest rooms"
        summary={topRooms.length === 0 ? 'No room messages in this range.' : `${topRooms[0]!.room} is the busiest, with ${topRooms[0]!.messages} messages.`}
        rows={topRooms} columns={[
          { label: 'Room', value: (room) => room.room },
          { label: 'Messages', value: (room) => room.messages },
          { label: 'Joins', value: (room) => room.joins },
        ]}>
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
          <BarChart accessibilityLayer={false} data={topRooms} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} className="chart-axis" />
            <YAxis type="category" dataKey="room" width={110} className="chart-axis" />
            <Tooltip wrapperClassName="chart-tooltip" />
            <Bar dataKey="messages" name="Messages" className="series-1" fill="#4a6cf7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>

      <ChartFigure id="chart-hours" title="Messages per hour (UTC)"
        summary={hours.length === 0 ? 'No room messages in this range.' : `Busiest hour: ${hourLabel(hours.reduce((best, hour) => (hour.messages > best.messages ? hour : best)).hour)}.`}
        rows={hours} columns={[
          { label: 'Hour (UTC)', value: (hour) => hourLabel(hour.hour) },
          { label: 'Messages', value: (hour) => hour.messages },
        ]}>
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
          <BarChart accessibilityLayer={false} data={hours} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
            <XAxis dataKey="hour" tickFormatter={hourLabel} className="chart-axis" minTickGap={24} />
            <YAxis allowDecimals={false} className="chart-axis" width={40} />
            <Tooltip wrapperClassName="chart-tooltip" labelFormatter={(label) => hourLabel(String(label))} />
            <Bar dataKey="messages" name="Messages" className="series-2" fill="#c2410c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>

      {report.usageHours && (
        <ChartFigure id="chart-usage" title="Searches and reads per hour (UTC)"
          summary={usage.length === 0 ? 'No searches or reads in this range.'
            : `${sum(usage.map((hour) => hour.searches))} searches, ${sum(usage.map((hour) => hour.roomReads))} room reads and ${sum(usage.map((hour) => hour.directReads))} direct conversation reads.`}
          rows={usage} columns={[
            { label: 'Hour (UTC)', value: (hour) => hourLabel(hour.hour) },
            { label: 'Room searches', value: (hour) => hour.searchesByScope.rooms ?? 0 },
            { label: 'All searches', value: (hour) => hour.searches },
            { label: 'Room reads', value: (hour) => hour.roomReads },
            { label: 'Direct reads', value: (hour) => hour.directReads },
          ]}>
          <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
            <BarChart accessibilityLayer={false} data={usage} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid className="chart-grid-lines" strokeDasharray="3 3" />
              <XAxis dataKey="hour" tickFormatter={hourLabel} className="chart-axis" minTickGap={24} />
              <YAxis allowDecimals={false} className="chart-axis" width={40} />
              <Tooltip wrapperClassName="chart-tooltip" labelFormatter={(label) => hourLabel(String(label))} />
              <Legend />
              <Bar dataKey="searches" name="Searches" className="series-1" fill="#4a6cf7" isAnimationActive={false} />
              <Bar dataKey="roomReads" name="Room reads" stackId="reads" className="series-2" fill="#c2410c" isAnimationActive={false} />
              <Bar dataKey="directReads" name="Direct reads" stackId="reads" className="series-3" fill="#15803d" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
    </div>
  );
}
