import { describe, expect, it } from 'vitest';
import { chatReducer, initialChat } from './chatState';
import type { RoomEvent } from './realtime';

const event = (extra: Partial<RoomEvent>): RoomEvent => ({
  room: '#web', msgid: 'm1', sequence: 1, time: '2026-11-26T10:00:00Z', kind: 'PRIVMSG', nick: 'bob', text: 'hi', ...extra,
});

function joined() {
  return chatReducer(initialChat('ann'), {
    type: 'joined', room: { name: '#web', sequence: 0, modes: '', topic: null, members: [{ nick: 'ann', prefixes: 'o' }] },
  });
}

describe('chatReducer', () => {
  it('counts unread and mentions in rooms not shown, and clears them when opened', () => {
    let state = chatReducer(joined(), { type: 'joined', room: { name: '#other', sequence: 0, modes: '', members: [] } });
    state = chatReducer(state, { type: 'live', key: '#other', event: event({ room: '#other', text: 'hello ann' }) });
    state = chatReducer(state, { type: 'live', key: '#other', event: event({ room: '#other', msgid: 'm2', sequence: 2, text: 'more' }) });
    expect(state.conversations['#other']).toMatchObject({ unread: 2, mentions: 1 });
    state = chatReducer(state, { type: 'select', key: '#other' });
    expect(state.conversations['#other']).toMatchObject({ unread: 0, mentions: 0 });
  });

  it('does not count a duplicate twice', () => {
    let state = chatReducer(joined(), { type: 'joined', room: { name: '#other', sequence: 0, modes: '', members: [] } });
    state = chatReducer(state, { type: 'live', key: '#other', event: event({ room: '#other' }) });
    state = chatReducer(state, { type: 'live', key: '#other', event: event({ room: '#other' }) });
    expect(state.conversations['#other']?.unread).toBe(1);
  });

  it('follows joins, parts and topics in the member list', () => {
    let state = chatReducer(joined(), { type: 'live', key: '#web', event: event({ kind: 'JOIN', text: '' }) });
    expect(state.conversations['#web']?.members.map((member) => member.nick)).toEqual(['ann', 'bob']);
    state = chatReducer(state, { type: 'live', key: '#web', event: event({ kind: 'TOPIC', msgid: 'm2', sequence: 2, text: 'New topic' }) });
    expect(state.conversations['#web']?.topic).toBe('New topic');
    state = chatReducer(state, { type: 'live', key: '#web', event: event({ kind: 'PART', msgid: 'm3', sequence: 3, text: '' }) });
    expect(state.conversations['#web']?.members.map((member) => member.nick)).toEqual(['ann']);
  });
});
