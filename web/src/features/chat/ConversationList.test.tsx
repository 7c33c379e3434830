// @vitest-environment happy-dom
import '../../test/dom';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConversationList } from './ConversationList';
import { emptyConversation, initialChat, type ChatState } from './chatState';

describe('ConversationList', () => {
  it('shows rooms and direct conversations with their badges', () => {
    const state: ChatState = {
      ...initialChat('me'),
      conversations: {
        '#a': { ...emptyConversation('#a', 'room'), unread: 3 },
        bob: { ...emptyConversation('bob', 'direct'), unread: 1, mentions: 1 },
      },
    };
    render(<ConversationList state={state} onSelect={() => undefined} />);
    expect(screen.getByRole('button', { name: /#a/ }).textContent).toContain('3');
    expect(screen.getByLabelText('1 mentions')).toBeTruthy();
  });
});
