// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SettingsDialog } from './SettingsDialog';
import { fetchSettings, type RecommendationSettings } from '../../api/recommendations';
import { problem, startApi, token, type ApiServer } from '../../test/apiServer';

let api: ApiServer | undefined;
afterEach(async () => {
  cleanup();
  await api?.close();
  api = undefined;
});

describe('the personalisation setting', () => {
  it('is absent where the server has no settings endpoint (404)', async () => {
    api = await startApi({});
    expect(await fetchSettings('test-token')).toBeNull();
  });

  it('reads and saves the opt-out', async () => {
    let stored = true;
    api = await startApi({
      'GET /api/recommendations/settings': () => ({ status: 200, body: { personalised: stored } }),
      'PUT /api/recommendations/settings': (request) => {
        stored = (request.body as RecommendationSettings).personalised;
        return { status: 200, body: { personalised: stored } };
      },
    });
    const saved: RecommendationSettings[] = [];
    const settings = (await fetchSettings('test-token'))!;
    const user = userEvent.setup();
    render(<SettingsDialog open settings={settings} token={token} onClose={() => undefined} onSaved={(value) => saved.push(value)} />);

    const toggle = screen.getByRole('checkbox', { name: 'Personalised suggestions' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    await user.click(toggle);
    await screen.findByRole('checkbox', { name: 'Personalised suggestions' });
    expect(saved).toEqual([{ personalised: false }]);
    expect(stored).toBe(false);
  });

  it('shows why a change was refused', async () => {
    api = await startApi({ 'PUT /api/recommendations/settings': () => problem(400, 'Invalid settings', 'personalised is required.') });
    const user = userEvent.setup();
    render(<SettingsDialog open settings={{ personalised: true }} token={token} onClose={() => undefined} onSaved={() => undefined} />);
    await user.click(screen.getByRole('checkbox', { name: 'Personalised suggestions' }));
    expect((await screen.findByRole('alert')).textContent).toBe('personalised is required.');
  });
});
