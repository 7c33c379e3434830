import { describe, expect, it } from 'vitest';
import { lastStored, markLocal, mergeTimeline, type TimelineItem } from './messageModel';

const stored = (sequence: number, extra: Partial<TimelineItem> = {}): TimelineItem => ({
  msgid: `m${sequence}`, sequence, time: `2026-11-26T10:00:${String(sequence).padStart(2, '0')}Z`, nick: 'ann', kind: 'PRIVMSG',
  text: `line ${sequence}`, state: 'stored', ...extra,
});
const pending = (localId: string): TimelineItem => ({
  msgid: `local:${localId}`, sequence: 0, time: '2026-11-26T10:01:00Z', nick: 'me', kind: 'PRIVMSG', text: 'hi', localId, state: 'pending',
});

describe('mergeTimeline', () => {
  it('keeps room order by sequence whatever order items arrive in', () => {
    const merged = mergeTimeline([stored(3)], [stored(1), stored(2)]);
    expect(merged.map((item) => item.sequence)).toEqual([1, 2, 3]);
  });

  it('drops an item it has by msgid (a live event history also returned)', () => {
    const merged = mergeTimeline([stored(1), stored(2)], [stored(2), stored(3)]);
    expect(merged.map((item) => item.msgid)).toEqual(['m1', 'm2', 'm3']);
  });

  it('drops an item whose sequence it has under another id', () => {
    const merged = mergeTimeline([stored(5)], [stored(5, { msgid: 'other' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.msgid).toBe('m5');
  });

  it('fills exactly a gap after a reconnect: no duplicate, nothing lost', () => {
    const beforeCut = [stored(1), stored(2)];
    const liveAfterReconnect = [stored(5)];
    const gapFromHistory = [stored(3), stored(4), stored(5)];
    const merged = mergeTimeline(mergeTimeline(beforeCut, liveAfterReconnect), gapFromHistory);
    expect(merged.map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replaces a pending message by the stored one carrying its localId', () => {
    const merged = mergeTimeline([stored(1), pending('a')], [stored(2, { localId: 'a', nick: 'me', text: 'hi' })]);
    expect(merged.map((item) => [item.msgid, item.state])).toEqual([['m1', 'stored'], ['m2', 'stored']]);
  });

  it('keeps unsent messages after stored ones', () => {
    const merged = mergeTimeline([pending('a')], [stored(1)]);
    expect(merged.map((item) => item.state)).toEqual(['stored', 'pending']);
    expect(lastStored(merged)?.msgid).toBe('m1');
  });

  it('marks a failed send and clears it on retry', () => {
    const failed = markLocal([pending('a')], 'a', 'failed', 'Cannot send to channel');
    expect(failed[0]).toMatchObject({ state: 'failed', error: 'Cannot send to channel' });
    expect(markLocal(failed, 'a', 'pending')[0]?.state).toBe('pending');
  });
});
