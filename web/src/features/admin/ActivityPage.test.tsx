// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
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
  };
}

let api: ApiServer | undefined;
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
    expect(container.querySelectorAll('.recharts-responsive-container')).toHaveLength(4);
    expect(screen.getByRole('table', { name: 'Sign-ins per day by kind' }).textContent).toContain('2026-11-25');
    expect(api.requests[0]!.query.toString()).toBe('from=2026-11-20&to=2026-11-26');

    await user.click(screen.getByRole('button', { name: 'Last 30 days' }));
    await screen.findByText('2026-10-28 to 2026-11-26 (UTC)');
    expect(api.requests.at(-1)!.query.toString()).toBe('from=2026-10-28&to=2026-11-26');
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
    expect(api.requests).toHaveLength(1);
  });

  it('exports the range as the CSV the API writes', async () => {
    const csv = 'day,active_accounts\n2026-11-26,5\n';
    api = await startApi({
      'GET /api/analytics/activity': (request) => ({ status: 200, body: report(request.query.get('from')!, request.query.get('to')!) }),
      'GET /api/analytics/activity.csv': () => ({ status: 200, body: csv, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename=chatcloud-activity-20261120-20261126.csv' } }),
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
      expect(downloads).toEqual(['chatcloud-activity-20261120-20261126.csv']);
      expect(api.requests.at(-1)!.path).toBe('/api/analytics/activity.csv');
      expect(api.requests.at(-1)!.query.toString()).toBe('from=2026-11-20&to=2026-11-26');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('shows the refusal of a user who is not an administrator', async () => {
    api = await startApi({ 'GET /api/analytics/activity': () => problem(403, 'Forbidden') });
    render(<ActivityPage token={token} today={today} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Forbidden');
  });
});
