import { describe, expect, it } from 'vitest';
import { actionText, groupTimeline, relativeTime } from './grouping';
import type { TimelineItem } from './messageModel';

let sequence = 0;
const item = (nick: string, time: string, extra: Partial<TimelineItem> = {}): TimelineItem => {
  sequence++;
  return { msgid: `m${sequence}`, sequence, time, nick, kind: 'PRIVMSG', text: 'hello', state: 'stored', ...extra };
};

describe('groupTimeline', () => {
  it('puts consecutive lines of one author in one group', () => {
    const days = groupTimeline([
      item('ann', '2026-11-26T10:00:00'), item('ANN', '2026-11-26T10:01:00'), item('bob', '2026-11-26T10:02:00'), item('ann', '2026-11-26T10:03:00'),
    ]);
    expect(days).toHaveLength(1);
    expect(days[0]?.groups.map((group) => [group.nick, group.items.length])).toEqual([['ann', 2], ['bob', 1], ['ann', 1]]);
  });

  it('starts a new group after a long pause', () => {
    const days = groupTimeline([item('ann', '2026-11-26T10:00:00'), item('ann', '2026-11-26T10:30:00')]);
    expect(days[0]?.groups).toHaveLength(2);
  });

  it('starts a new day section at local midnight', () => {
    const days = groupTimeline([item('ann', '2026-11-25T23:59:00'), item('ann', '2026-11-26T00:01:00')]);
    expect(days.map((day) => day.day)).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('keeps events and /me actions apart from message groups', () => {
    const days = groupTimeline([
      item('ann', '2026-11-26T10:00:00'),
      item('ann', '2026-11-26T10:00:10', { text: '\u0001ACTION waves\u0001' }),
      item('bob', '2026-11-26T10:00:20', { kind: 'JOIN', text: '' }),
      item('ann', '2026-11-26T10:00:30'),
    ]);
    expect(days[0]?.groups.map((group) => group.kind)).toEqual(['messages', 'action', 'event', 'messages']);
  });
});

describe('actionText', () => {
  it('reads a CTCP ACTION', () => {
    expect(actionText('\u0001ACTION waves\u0001')).toBe('waves');
    expect(actionText('plain')).toBeNull();
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it.each([
    ['2026-11-26T11:59:50Z', 'just now'],
    ['2026-11-26T11:55:00Z', '5 min ago'],
    ['2026-11-26T09:00:00Z', '3 h ago'],
    ['2026-11-25T12:00:00Z', 'yesterday'],
    ['2026-11-23T12:00:00Z', '3 days ago'],
  ])('%s is %s', (time, expected) => {
    expect(relativeTime(time, now)).toBe(expected);
  });
});
