import { describe, expect, it } from 'vitest';
import { conversationUrl, historyUrl } from './history';

describe('history URLs', () => {
  it('read rooms with their events and conversations through the gateway’s conversations route', () => {
    expect(historyUrl('#a b', { latest: true })).toBe('/api/history/rooms/%23a%20b/messages?limit=50&events=true&latest=*');
    expect(conversationUrl('Bob', { before: 'x1' })).toBe('/api/history/conversations/Bob/messages?limit=50&before=msgid%3Dx1');
  });
});
