import { describe, expect, it } from 'vitest';
import { applyMode, describeModes, type RoomSettings } from './roomModes';

const start: RoomSettings = { modes: 'nt', bans: [] };
const members = [{ nick: 'ann', prefixes: 'o' }, { nick: 'Bob', prefixes: '' }];

describe('applyMode', () => {
  it('applies flags, key, limit and bans in order, each taking its parameter', () => {
    const { settings } = applyMode(start, members, ['+mkl-t+b', 'secret', '20', '*!*@bad']);
    expect(settings).toEqual({ modes: 'mn', key: 'secret', limit: 20, bans: [{ mask: '*!*@bad' }] });
    const undone = applyMode(settings, members, ['-k-l-b', '*', '*!*@bad']).settings;
    expect(undone).toEqual({ modes: 'mn', key: null, limit: null, bans: [] });
  });

  it('gives and takes operator and voice by nick in any case', () => {
    let result = applyMode(start, members, ['+ov', 'bob', 'BOB']);
    expect(result.members[1]?.prefixes).toBe('ov');
    result = applyMode(result.settings, result.members, ['-o', 'bob']);
    expect(result.members[1]?.prefixes).toBe('v');
    expect(result.members[0]?.prefixes).toBe('o');
  });

  it('describes the modes without revealing the key', () => {
    expect(describeModes({ modes: 'int', key: 'k3y', limit: 5, bans: [] })).toBe('+intkl 5');
    expect(describeModes({ modes: '', bans: [] })).toBe('No modes');
  });
});
