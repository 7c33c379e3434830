// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityPage } from './ActivityPage';
import { problem, startApi, token, type ApiServer } from '../../test/apiServer';
import type { ActivityReport } from '../../api/analytics';

const today = new Date('2026-11-26T12:00:00Z');

function report(from: string, to: string): ActivityReport {
  return {
    from, to,
    days: [
      { day: '2026-11-25', activeAccounts: 3, messages: 40, joins: 5, newAccounts: 2, directMessages: 4, tcpSignIns: 6, webSignIns: 2 },
      { day: '2026-11-26', activeAccounts: 5, messages: 12, joins: 1, newAccounts: 0, directMessages: 1, tcpSignIns: 1, webSignIns: 3 },
    ],
    topRooms: [{ room: '#gardening', messages: 30, joins: 4 }, { room: '#cooking', messages: 22, joins: 2 }],
    hours: [{ hour: '2026-11-25T09:00:00Z', messages: 40 }, { hour: '2026-11-26T10:00:00Z', messages: 12 }],
    usageHours: [
      { hour: '2026-11-25T09:00:00Z', searches: 4, searchesByScope: { rooms: 4 }, roomReads: 9, directReads: 2 },
      { hour: '2026-11-26T10:00:00Z', searches: 0, searchesByScope: {}, roomReads: 3, directReads: 0 },
    ],
  };
}

let api: ApiServer | undefined;
const asked = (path: string) => api!.requests.filter((request) => request.path === path);
afterEach(async () => {
  cleanup();
  await api?.close();
});

describe('the activity page', () => {
  it('charts the last 7 days, with the figures as tables, and asks again for another range', async () => {
    api = await startApi({
      'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }),
    });
    const user = userEvent.setup();
    const { container } = render(<ActivityPage token={token} today={today} />);

    expect(await screen.findByRole('figure', { name: 'Active accounts and messages per day' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Busiest rooms' })).toBeTruthy();
    expect(screen.getByText('#gardening is the busiest, with 30 messages.')).toBeTruthy();
    expect(screen.getByText('7 terminal (IRC) and 5 web sign-ins.')).toBeTruthy();
    // happy-dom lays nothing out, so recharts draws no SVG here; the browser test sees the drawn charts.
    expect(container.querySelectorAll('.recharts-responsive-container')).toHaveLength(5);
    expect(screen.getByRole('table', { name: 'Sign-ins per day by kind' }).textContent).toContain('2026-11-25');
    expect(screen.getByText('4 searches, 12 room reads and 2 direct conversation reads.')).toBeTruthy();
    const usage = within(screen.getByRole('table', { name: 'Searches and reads per hour (UTC)' })).getAllByRole('row');
    expect(usage.map((row) => row.textContent)).toEqual([
      'Hour (UTC)Room searchesAll searchesRoom readsDirect reads', '11-25 09:004492', '11-26 10:000030',
    ]);
    expect(asked('/api/analytics/activity')[0]!.query.toString()).toBe('from=2026-11-20&to=2026-11-26');

    await user.click(screen.getByRole('button', { name: 'Last 30 days' }));
    await screen.findByText('2026-10-28 to 2026-11-26 (UTC)');
    expect(asked('/api/analytics/activity').at(-1)!.query.toString()).toBe('from=2026-10-28&to=2026-11-26');
  });

  it('explains a reversed range beside the field and does not send it', async () => {
    api = await startApi({ 'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }) });
    const user = userEvent.setup();
    render(<ActivityPage token={token} today={today} />);
    await screen.findByText('2026-11-20 to 2026-11-26 (UTC)');

    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-12-01');
    expect(screen.getByText('The start is after the end.')).toBeTruthy();
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Show' }) as HTMLButtonElement).disabled).toBe(true);
    expect(asked('/api/analytics/activity')).toHaveLength(1);
  });

  it('exports the range as the CSV the API writes', async () => {
    const csv = 'day,active_accounts\n2026-11-26,5\n';
    api = await startApi({
      'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }),
      'GET /api/analytics/activity.csv': () => ({ status: 200, body: csv, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename=chatcloud-activity-20261120-20261126.csv' } }),
      'GET /api/analytics/usage.csv': () => ({ status: 200, body: 'hour,searches\n', headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename=chatcloud-usage-20261120-20261126.csv' } }),
    });
    const downloads: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function clicked(this: HTMLAnchorElement) { downloads.push(this.download); };
    try {
      const user = userEvent.setup();
      render(<ActivityPage token={token} today={today} />);
      await screen.findByText('2026-11-20 to 2026-11-26 (UTC)');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      await screen.findByRole('button', { name: 'Export CSV' });
      await user.click(screen.getByRole('button', { name: 'Export searches and reads CSV' }));
      await screen.findByRole('button', { name: 'Export searches and reads CSV' });
      expect(downloads).toEqual(['chatcloud-activity-20261120-20261126.csv', 'chatcloud-usage-20261120-20261126.csv']);
      expect(asked('/api/analytics/activity.csv').map((request) => request.query.toString())).toEqual(['from=2026-11-20&to=2026-11-26']);
      expect(asked('/api/analytics/usage.csv').map((request) => request.query.toString())).toEqual(['from=2026-11-20&to=2026-11-26']);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('leaves out the recommender and connection figures where the server has no such reports (404)', async () => {
    api = await startApi({ 'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }) });
    render(<ActivityPage token={token} today={today} />);
    await screen.findByRole('figure', { name: 'Busiest rooms' });
    await waitFor(() => expect(asked('/api/analytics/connections')).toHaveLength(1));
    expect(asked('/api/analytics/recommendations')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Recommendations' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Connections and retention' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows whether the recommendations help, and connections with retention, where the server reports them', async () => {
    const figures = { impressions: 800, clicks: 60, clickThroughRate: 0.075, dismissals: 11, joinsAfterRecommendation: 31,
      joinAfterRecommendationRate: 0.0388, prefetchHits: 210, prefetchMisses: 70, prefetchHitRate: 0.75,
      prefetchHitMilliseconds: 15.2, prefetchMissMilliseconds: 19.9 };
    api = await startApi({
      'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }),
      'GET /api/analytics/recommendations': () => ({ status: 200, body: {
        from: '2026-11-20', to: '2026-11-26', days: [{ day: '2026-11-26', ...figures }], totals: figures,
        model: { version: 3, activatedAt: '2026-11-26T06:00:00Z', trainedAt: '2026-11-26T05:59:31Z', protocol: 'time', k: 5,
          hitRate: 0.397, ndcg: 0.262, popularityHitRate: 0.119, randomHitRate: 0.015, liftOverPopularity: 3.35 } } }),
      'GET /api/analytics/connections': () => ({ status: 200, body: {
        from: '2026-11-20', to: '2026-11-26', hours: [{ hour: '2026-11-26T06:00:00Z', tcp: 12, web: 30 }],
        weeks: [{ weekStart: '2026-11-23', activeAccounts: 412 }],
        retention: [{ cohortWeek: '2026-11-02', accounts: 50, retained: [1.0, 0.62, 0.48, 0.40] }] } }),
    });
    render(<ActivityPage token={token} today={today} />);

    expect(await screen.findByRole('heading', { name: 'Recommendations' })).toBeTruthy();
    const tiles = screen.getByRole('heading', { name: 'Recommendations' }).closest('section')!.querySelector('dl')!;
    expect(within(tiles).getByText('7.5 %')).toBeTruthy();
    expect(within(tiles).getByText('60 of 800 shown')).toBeTruthy();
    expect(within(tiles).getByText('75.0 %')).toBeTruthy();
    expect(within(tiles).getByText('served in 15.2 ms vs 19.9 ms')).toBeTruthy();
    expect(screen.getByText('HR@5 0.397 vs popularity 0.119 (3.35×)')).toBeTruthy();
    expect(await screen.findByRole('figure', { name: 'Connections open at once, by kind' })).toBeTruthy();
    expect(screen.getByText('At most 42 connections at once in an hour of this range.')).toBeTruthy();
    const retention = screen.getByRole('table', { name: /Retention/ });
    expect(retention.textContent).toContain('62 %');
    expect(retention.querySelectorAll('thead th')).toHaveLength(6);
  });

  it('shows the refusal of a user who is not an administrator', async () => {
    api = await startApi({ 'GET /api/analytics/activity': () => problem(403, 'Forbidden') });
    render(<ActivityPage token={token} today={today} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Forbidden');
  });
});
