// @vitest-environment happy-dom
import '../../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MemberDialog, type MemberActions } from './MemberDialog';

function actions(overrides: Partial<MemberActions> = {}): MemberActions {
  return { message: vi.fn(), mode: vi.fn(async () => null), kick: vi.fn(async () => ({ ok: true })), ...overrides };
}

const bob = { nick: 'bob', account: 'bob', prefixes: '' };

describe('MemberDialog', () => {
  it('starts a direct message with the member', () => {
    const verbs = actions();
    const onClose = vi.fn();
    render(<MemberDialog member={bob} room="#r" me="ann" away={false} canModerate={false} actions={verbs} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a direct message' }));
    expect(verbs.message).toHaveBeenCalledWith('bob');
    expect(onClose).toHaveBeenCalled();
  });

  it('shows moderation only to operators', () => {
    render(<MemberDialog member={bob} room="#r" me="ann" away={false} canModerate={false} actions={actions()} onClose={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'Make operator' })).toBeNull();
    expect(screen.getByText(/Only the room's operators/)).toBeTruthy();
  });

  it('gives voice, bans and removes with a reason', async () => {
    const verbs = actions();
    render(<MemberDialog member={bob} room="#r" me="ann" away={false} canModerate actions={verbs} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Give voice' }));
    await waitFor(() => expect(verbs.mode).toHaveBeenCalledWith('+v', ['bob']));
    fireEvent.click(screen.getByRole('button', { name: 'Ban' }));
    await waitFor(() => expect(verbs.mode).toHaveBeenCalledWith('+b', ['bob!*@*']));
    fireEvent.change(screen.getByLabelText('Reason for removing bob'), { target: { value: 'spam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove from room' }));
    await waitFor(() => expect(verbs.kick).toHaveBeenCalledWith('bob', 'spam'));
  });

  it('shows the room’s refusal as the server says it', async () => {
    const verbs = actions({ kick: vi.fn(async () => ({ ok: false, code: '482', error: "You're not channel operator" })) });
    render(<MemberDialog member={{ ...bob, prefixes: 'o' }} room="#r" me="ann" away={false} canModerate actions={verbs} onClose={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Remove operator' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove from room' }));
    expect((await screen.findByRole('alert')).textContent).toBe("You're not channel operator");
  });
});
