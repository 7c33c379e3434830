// @vitest-environment happy-dom
import '../../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Invitations } from './Invitations';

const invitation = { room: '#private', by: 'ann', time: '2026-11-26T10:00:00Z' };

describe('Invitations', () => {
  it('shows nothing without invitations', () => {
    const { container } = render(<Invitations invitations={[]} onAccept={async () => null} onDismiss={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });

  it('joins on accept and forgets on dismiss', async () => {
    const onAccept = vi.fn(async () => null);
    const onDismiss = vi.fn();
    render(<Invitations invitations={[invitation]} onAccept={onAccept} onDismiss={onDismiss} />);
    expect(screen.getByRole('region', { name: 'Invitations' }).textContent).toContain('ann invited you to #private');
    fireEvent.click(screen.getByRole('button', { name: 'Join #private' }));
    await waitFor(() => expect(onAccept).toHaveBeenCalledWith('#private'));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the invitation to #private' }));
    expect(onDismiss).toHaveBeenCalledWith('#private');
  });

  it('says why a join was refused', async () => {
    render(<Invitations invitations={[invitation]} onAccept={async () => 'Cannot join channel (+k)'} onDismiss={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Join #private' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot join channel (+k)');
  });
});
