// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { preloadRooms, roomsToPreload } from './preload';
import { takePrefetched } from '../../api/historyCache';
import { likelyFirst } from '../chat/ChatContext';
import { startApi, type ApiServer } from '../../test/apiServer';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const page = (room: string) => ({ messages: [{ msgid: `${room}-1`, sequence: 1, time: '2026-11-26T06:00:00Z', nick: 'ann', kind: 'PRIVMSG', text: `hi in ${room}` }] });

describe('the preload after sign-in', () => {
  it('takes the predicted next rooms when the server predicts them', async () => {
    api = await startApi({
      'GET /api/recommendations/next-rooms': () => ({ status: 200, body: { personalised: true, items: [{ id: '#b', reason: 'usually next', score: 0.4 }, { id: '#a', reason: '', score: 0.2 }] } }),
    });
    const choice = await roomsToPreload('t', async () => ['#a', '#b', '#c']);
    expect(choice).toEqual({ rooms: ['#b', '#a'], predicted: true });
    expect(api.requests[0]!.query.get('count')).toBe('3');
  });

  it('falls back to the account\'s rooms where the server has no predictions (404) or none for this user', async () => {
    api = await startApi({});
    expect(await roomsToPreload('t', async () => ['#a', '#b', '#c', '#d'])).toEqual({ rooms: ['#a', '#b', '#c'], predicted: false });
    await api.close();
    api = await startApi({ 'GET /api/recommendations/next-rooms': () => ({ status: 200, body: { personalised: false, items: [] } }) });
    expect(await roomsToPreload('t', async () => ['#x'])).toEqual({ rooms: ['#x'], predicted: false });
  });

  it('fetches the latest pages into the cache, each taken once', async () => {
    api = await startApi({
      'GET /api/recommendations/next-rooms': () => ({ status: 200, body: { items: [{ id: '#garden', reason: '', score: 0.5 }] } }),
      'GET /api/history/rooms/%23garden/messages': () => ({ status: 200, body: page('#garden') }),
    });
    expect(await preloadRooms('t', async () => [])).toEqual(['#garden']);
    const cached = await takePrefetched('#Garden');
    expect(cached?.map((message) => message.text)).toEqual(['hi in #garden']);
    expect(await takePrefetched('#garden')).toBeUndefined();
    const history = api.requests.find((request) => request.path.startsWith('/api/history/'));
    expect(history?.query.get('latest')).toBe('*');
    expect(history?.authorization).toBe('Bearer t');
  });

  it('joins the predicted rooms first, in the predicted order', () => {
    expect(likelyFirst(['#a', '#b', '#c', '#d'], ['#C', '#a'])).toEqual(['#c', '#a', '#b', '#d']);
  });
});
