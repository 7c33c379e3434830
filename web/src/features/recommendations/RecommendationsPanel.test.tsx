// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecommendationsPanel } from './RecommendationsPanel';
import { problem, startApi, token, type ApiServer } from '../../test/apiServer';

const rooms = { modelVersion: 3, items: [
  { id: '#gardening', reason: 'active with people you talk to', score: 0.8 },
  { id: '#cooking', reason: 'people in #gardening are here too', score: 0.5 },
  { id: '#joined', reason: 'popular right now', score: 0.4 },
] };
const people = { modelVersion: 3, items: [{ id: 'carol', reason: 'talks with 2 people you talk to', score: 0.6 }] };

let api: ApiServer | undefined;
afterEach(async () => {
  cleanup();
  await api?.close();
  api = undefined;
});

function routes(extra: Record<string, () => { status: number; body?: unknown }> = {}) {
  return {
    'GET /api/recommendations/rooms': () => ({ status: 200, body: rooms }),
    'GET /api/recommendations/people': () => ({ status: 200, body: people }),
    'POST /api/recommendations/dismiss': () => ({ status: 204 }),
    ...extra,
  };
}

describe('the recommendations panel', () => {
  it('shows rooms and people with their reasons, leaving out what is already open', async () => {
    api = await startApi(routes());
    render(<RecommendationsPanel token={token} visible joined={new Set(['#joined'])} onJoinRoom={async () => null} onTalkTo={() => undefined} />);

    const list = await screen.findByRole('list', { name: 'Rooms' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '#gardeningactive with people you talk toJoin✕', '#cookingpeople in #gardening are here tooJoin✕']);
    expect(within(screen.getByRole('list', { name: 'People' })).getByText('talks with 2 people you talk to')).toBeTruthy();
    expect(api.requests.map((request) => `${request.path}?${request.query}`).sort()).toEqual([
      '/api/recommendations/people?count=5', '/api/recommendations/rooms?count=5']);
  });

  it('joins a room in one click, counting the click, and removes it from the list', async () => {
    api = await startApi(routes({ 'POST /api/recommendations/accept': () => ({ status: 204 }) }));
    const joined: string[] = [];
    const user = userEvent.setup();
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async (room) => { joined.push(room); return null; }} onTalkTo={() => undefined} />);

    await user.click(await screen.findByRole('button', { name: 'Join #gardening' }));
    expect(joined).toEqual(['#gardening']);
    await waitFor(() => expect(screen.queryByText('#gardening')).toBeNull());
    const accept = api.requests.find((request) => request.path === '/api/recommendations/accept');
    expect(accept?.body).toEqual({ kind: 'room', target: '#gardening', modelVersion: 3 });
  });

  it('still joins where the server counts no clicks (404), and shows a refused join', async () => {
    api = await startApi(routes());
    const user = userEvent.setup();
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async () => 'Cannot join channel (+i)'} onTalkTo={() => undefined} />);

    await user.click(await screen.findByRole('button', { name: 'Join #cooking' }));
    expect((await screen.findByRole('alert')).textContent).toBe('#cooking: Cannot join channel (+i)');
    expect(screen.getByText('#cooking')).toBeTruthy();
  });

  it('names numbered rooms of the generated workload as the chat does (#12), and sends the model its own id', async () => {
    api = await startApi(routes({ 'GET /api/recommendations/rooms': () => ({ status: 200, body: { modelVersion: 1, items: [{ id: '12', reason: 'popular right now', score: 1 }] } }) }));
    const joined: string[] = [];
    const user = userEvent.setup();
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async (room) => { joined.push(room); return null; }} onTalkTo={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: 'Dismiss #12: never suggest it again' }));
    await waitFor(() => expect(screen.queryByText('#12')).toBeNull());
    expect(api.requests.find((request) => request.path === '/api/recommendations/dismiss')?.body).toEqual({ kind: 'room', target: '12' });
  });

  it('opens a conversation with a suggested person', async () => {
    api = await startApi(routes());
    const talked: string[] = [];
    const user = userEvent.setup();
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async () => null} onTalkTo={(nick) => talked.push(nick)} />);
    await user.click(await screen.findByRole('button', { name: 'Message carol' }));
    expect(talked).toEqual(['carol']);
  });

  it('dismisses for good through the API, and keeps the item when the server refuses', async () => {
    let refuse = false;
    api = await startApi(routes({
      'POST /api/recommendations/dismiss': () => (refuse ? problem(409, 'Too many dismissals', 'At most 5000 dismissals per account.') : { status: 204 }),
    }));
    const user = userEvent.setup();
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async () => null} onTalkTo={() => undefined} />);

    await user.click(await screen.findByRole('button', { name: 'Dismiss #gardening: never suggest it again' }));
    await waitFor(() => expect(screen.queryByText('#gardening')).toBeNull());
    expect(api.requests.find((request) => request.path === '/api/recommendations/dismiss')?.body).toEqual({ kind: 'room', target: '#gardening' });
    refuse = true;
    await waitFor(() => expect((screen.getByRole('button', { name: 'Dismiss carol: never suggest it again' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Dismiss carol: never suggest it again' }));
    expect((await screen.findByRole('alert')).textContent).toBe('At most 5000 dismissals per account.');
    expect(screen.getByText('carol')).toBeTruthy();
  });

  it('asks for nothing while hidden (a list served counts as shown)', async () => {
    api = await startApi(routes());
    render(<RecommendationsPanel token={token} visible={false} joined={new Set()} onJoinRoom={async () => null} onTalkTo={() => undefined} />);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.requests).toEqual([]);
  });

  it('says the suggestions are being prepared while the first model trains (503)', async () => {
    api = await startApi(routes({ 'GET /api/recommendations/rooms': () => problem(503, 'The first model is still training') }));
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async () => null} onTalkTo={() => undefined} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/being prepared/);
  });

  it('says when the lists are not personalised (opted out)', async () => {
    api = await startApi(routes({ 'GET /api/recommendations/rooms': () => ({ status: 200, body: { ...rooms, personalised: false } }) }));
    render(<RecommendationsPanel token={token} visible joined={new Set()} onJoinRoom={async () => null} onTalkTo={() => undefined} />);
    expect(await screen.findByText('Popular right now (not personalised).')).toBeTruthy();
  });
});
