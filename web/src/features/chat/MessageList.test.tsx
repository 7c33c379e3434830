// @vitest-environment happy-dom
import '../../test/dom';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageList } from './MessageList';
import { emptyConversation, type Conversation } from './chatState';
import type { TimelineItem } from './messageModel';

const item = (msgid: string, nick: string, text: string, kind = 'PRIVMSG', args?: string[]): TimelineItem =>
  ({ msgid, sequence: Number(msgid.slice(1)), time: new Date().toISOString(), nick, kind, text, arguments: args, state: 'stored' });

describe('MessageList', () => {
  it('shows where the new messages start and describes invitations', () => {
    const conversation: Conversation = {
      ...emptyConversation('#r', 'room'), complete: true, unreadFrom: 'm3',
      timeline: [item('m1', 'ann', 'old news'), item('m2', 'ann', '', 'INVITE', ['carol']), item('m3', 'bob', 'fresh news')],
    };
    render(<MessageList conversation={conversation} onLoadOlder={async () => undefined} onRetry={() => undefined} />);
    const log = screen.getByRole('log');
    const text = log.textContent ?? '';
    expect(text).toContain('ann invited carol');
    expect(text.indexOf('old news')).toBeLessThan(text.indexOf('New messages'));
    expect(text.indexOf('New messages')).toBeLessThan(text.indexOf('fresh news'));
  });

  it('has no new-messages line when everything was read', () => {
    const conversation: Conversation = { ...emptyConversation('bob', 'direct'), complete: true, timeline: [item('m1', 'bob', 'hi')] };
    render(<MessageList conversation={conversation} onLoadOlder={async () => undefined} onRetry={() => undefined} />);
    expect(screen.queryByText('New messages')).toBeNull();
    expect(screen.getByText('This is the beginning of bob.')).toBeTruthy();
  });
});
