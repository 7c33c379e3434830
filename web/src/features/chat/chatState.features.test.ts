import { describe, expect, it } from 'vitest';
import { chatReducer, initialChat, type ChatState } from './chatState';
import { countUnread, firstUnread } from './readPosition';
import type { TimelineItem } from './messageModel';
import type { RoomEvent } from './realtime';

const event = (extra: Partial<RoomEvent>): RoomEvent => ({
  room: '#web', msgid: 'm1', sequence: 1, time: '2026-11-26T10:00:00Z', kind: 'PRIVMSG', nick: 'bob', text: 'hi', ...extra,
});

function inRoom(): ChatState {
  const state = chatReducer(initialChat('ann'), {
    type: 'joined', room: { name: '#web', sequence: 0, modes: 'nt', key: null, limit: null, members: [{ nick: 'ann', prefixes: 'o' }, { nick: 'bob', prefixes: '' }], bans: [] },
  });
  return chatReducer(state, { type: 'joined', room: { name: '#other', sequence: 0, modes: '', members: [] } });
}

const item = (msgid: string, time: string, nick = 'bob', text = 'hi'): TimelineItem =>
  ({ msgid, sequence: Number(msgid.slice(1)), time, nick, kind: 'PRIVMSG', text, state: 'stored' });

describe('read positions', () => {
  it('count what others said after the position, mentions apart, nothing in a room never read', () => {
    const timeline = [item('m1', '2026-11-26T10:00:00Z'), item('m2', '2026-11-26T10:01:00Z', 'bob', 'ann: look'), item('m3', '2026-11-26T10:02:00Z', 'ann')];
    expect(countUnread(timeline, '2026-11-26T10:00:00Z', 'ann', false)).toEqual({ unread: 1, mentions: 1 });
    expect(countUnread(timeline, null, 'ann', false)).toEqual({ unread: 0, mentions: 0 });
    expect(countUnread(timeline, null, 'ann', true)).toEqual({ unread: 2, mentions: 2 });
    expect(firstUnread(timeline, '2026-11-26T10:00:00Z', 'ann')).toBe('m2');
  });

  it('follow another device: a later position clears the badge, an earlier one is ignored', () => {
    let state = chatReducer(inRoom(), { type: 'live', key: '#other', event: event({ room: '#other', text: 'hello ann' }) });
    expect(state.conversations['#other']).toMatchObject({ unread: 1, mentions: 1 });
    state = chatReducer(state, { type: 'read', target: '#Other', readAt: '2026-11-26T10:00:00Z' });
    expect(state.conversations['#other']).toMatchObject({ unread: 0, mentions: 0, readAt: '2026-11-26T10:00:00Z' });
    state = chatReducer(state, { type: 'read', target: '#other', readAt: '2026-11-26T09:00:00Z' });
    expect(state.conversations['#other']?.readAt).toBe('2026-11-26T10:00:00Z');
  });

  it('mark where the new messages start when a conversation is opened', () => {
    let state = chatReducer(inRoom(), { type: 'read', target: '#other', readAt: '2026-11-26T09:00:00Z' });
    state = chatReducer(state, { type: 'live', key: '#other', event: event({ room: '#other' }) });
    state = chatReducer(state, { type: 'select', key: '#other' });
    expect(state.conversations['#other']).toMatchObject({ unread: 0, unreadFrom: 'm1' });
  });
});

describe('moderation and invitations', () => {
  it('follows MODE events in the room’s settings and member prefixes', () => {
    const state = chatReducer(inRoom(), { type: 'live', key: '#web', event: event({ kind: 'MODE', text: '', arguments: ['+imv', 'bob'], nick: 'ann' }) });
    expect(state.conversations['#web']?.settings.modes).toBe('imnt');
    expect(state.conversations['#web']?.members.find((member) => member.nick === 'bob')?.prefixes).toBe('v');
  });

  it('keeps an INVITE for this account to a room it is not in, until it joins', () => {
    let state = chatReducer(inRoom(), { type: 'live', key: '#secret', event: event({ room: '#secret', kind: 'INVITE', text: '', arguments: ['ANN'], nick: 'carol' }) });
    expect(state.invitations).toEqual([{ room: '#secret', by: 'carol', time: '2026-11-26T10:00:00Z' }]);
    state = chatReducer(state, { type: 'live', key: '#elsewhere', event: event({ room: '#elsewhere', kind: 'INVITE', text: '', arguments: ['dave'] }) });
    expect(state.invitations).toHaveLength(1);
    state = chatReducer(state, { type: 'joined', room: { name: '#secret', sequence: 0, modes: 'i', members: [] } });
    expect(state.invitations).toEqual([]);
  });

  it('closes a room this account was removed from, and says who did it', () => {
    const state = chatReducer(inRoom(), { type: 'live', key: '#web', event: event({ kind: 'KICK', nick: 'bob', arguments: ['ann'], text: 'bye' }) });
    expect(state.conversations['#web']).toBeUndefined();
    expect(state.notice).toBe('bob removed you from #web: bye');
  });

  it('files a direct message under the other party, whoever wrote it', () => {
    let state = chatReducer(inRoom(), { type: 'live', key: 'bob', event: event({ room: 'bob', nick: 'ann', direct: true, text: 'from my phone' }) });
    expect(state.conversations.bob).toMatchObject({ name: 'bob', kind: 'direct', unread: 0 });
    state = chatReducer(state, { type: 'live', key: 'bob', event: event({ room: 'bob', msgid: 'm2', sequence: 2, direct: true, text: 'hi back' }) });
    expect(state.conversations.bob).toMatchObject({ unread: 1, mentions: 1 });
  });
});
