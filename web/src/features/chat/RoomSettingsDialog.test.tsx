// @vitest-environment happy-dom
import '../../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RoomSettingsDialog, type RoomSettingsActions } from './RoomSettingsDialog';
import { emptyConversation, type Conversation } from './chatState';

const room: Conversation = {
  ...emptyConversation('#r', 'room'),
  settings: { modes: 'nt', key: 'k3y', limit: null, bans: [{ mask: 'eve!*@*', setBy: 'ann' }] },
};

function actions(overrides: Partial<RoomSettingsActions> = {}): RoomSettingsActions {
  return { mode: vi.fn(async () => null), invite: vi.fn(async () => null), ...overrides };
}

describe('RoomSettingsDialog', () => {
  it('shows the modes, key and bans and changes a flag', async () => {
    const verbs = actions();
    render(<RoomSettingsDialog open conversation={room} canModerate actions={verbs} onClose={() => undefined} />);
    expect(screen.getByText('Modes: +ntk')).toBeTruthy();
    expect((screen.getByLabelText(FLAG('t')) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText(FLAG('m')));
    await waitFor(() => expect(verbs.mode).toHaveBeenCalledWith('+m', []));
    expect((await screen.findByRole('status')).textContent).toBe('Mode changed.');
    fireEvent.click(screen.getByRole('button', { name: 'Lift ban eve!*@*' }));
    await waitFor(() => expect(verbs.mode).toHaveBeenCalledWith('-b', ['eve!*@*']));
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(verbs.mode).toHaveBeenCalledWith('-k', ['*']));
  });

  it('shows a flag as asked at once and puts it back when the room refuses', async () => {
    let answer: (refusal: string | null) => void = () => undefined;
    const verbs = actions({ mode: vi.fn(() => new Promise<string | null>((resolve) => { answer = resolve; })) });
    render(<RoomSettingsDialog open conversation={room} canModerate actions={verbs} onClose={() => undefined} />);
    const moderated = screen.getByLabelText(FLAG('m')) as HTMLInputElement;
    fireEvent.click(moderated);
    expect(moderated.checked).toBe(true);
    answer("You're not channel operator");
    expect((await screen.findByRole('alert')).textContent).toBe("You're not channel operator");
    expect(moderated.checked).toBe(false);
  });

  it('checks a limit before asking the room', () => {
    const verbs = actions();
    render(<RoomSettingsDialog open conversation={room} canModerate actions={verbs} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Member limit (+l)'), { target: { value: 'ten' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set limit' }));
    expect(screen.getByRole('alert').textContent).toBe('A member limit is a whole number from 1 up.');
    expect(verbs.mode).not.toHaveBeenCalled();
  });

  it('lets a non-operator invite but not change modes, and shows a refusal', async () => {
    const verbs = actions({ invite: vi.fn(async () => "You're not channel operator") });
    render(<RoomSettingsDialog open conversation={room} canModerate={false} actions={verbs} onClose={() => undefined} />);
    expect((screen.getByLabelText(FLAG('m')) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Lift ban eve!*@*' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Nick to invite'), { target: { value: 'carol' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(verbs.invite).toHaveBeenCalledWith('carol'));
    expect((await screen.findByRole('alert')).textContent).toBe("You're not channel operator");
  });
});

const FLAG = (letter: string) => new RegExp(`\\(\\+${letter}\\)`);
