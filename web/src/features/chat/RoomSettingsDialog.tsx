import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Conversation } from './chatState';
import { describeModes, FLAG_LABELS, FLAGS } from './roomModes';

export interface RoomSettingsActions {
  /** One MODE; the answer is null when applied, else why not (the server's words). */
  mode: (modestring: string, args: string[]) => Promise<string | null>;
  invite: (nick: string) => Promise<string | null>;
}

/**
 * The room's modes (+i +m +n +s +t, +k key, +l limit), its bans (+b) and inviting someone. Anyone
 * in the room sees them; changing them is for operators, and the room's refusal is shown as said.
 */
export function RoomSettingsDialog({ open, conversation, canModerate, actions, onClose }: {
  open: boolean;
  conversation: Conversation;
  canModerate: boolean;
  actions: RoomSettingsActions;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState('');
  const [limit, setLimit] = useState('');
  const [ban, setBan] = useState('');
  const [invitee, setInvitee] = useState('');
  // A flag shows as asked at once; the room's MODE event (or a refusal) then settles it.
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  const { settings } = conversation;
  useEffect(() => setAsked({}), [settings.modes]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal?.();
    if (!open && element.open) element.close?.();
    setStatus(null);
  }, [open]);

  const run = async (action: () => Promise<string | null>, done: string, after?: () => void) => {
    setBusy(true);
    try {
      const refused = await action();
      setStatus(refused ? { error: true, text: refused } : { error: false, text: done });
      if (!refused) after?.();
    } catch (failure) {
      setStatus({ error: true, text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (handler: () => void) => (event: FormEvent) => {
    event.preventDefault();
    handler();
  };

  const toggle = (flag: string, on: boolean) => {
    setAsked((current) => ({ ...current, [flag]: on }));
    const forget = () => setAsked(({ [flag]: _dropped, ...rest }) => rest);
    void run(async () => {
      const refused = await actions.mode(`${on ? '+' : '-'}${flag}`, []).catch((failure: unknown) => {
        forget();
        throw failure;
      });
      if (refused) forget();
      return refused;
    }, 'Mode changed.');
  };

  const setLimitMode = () => {
    const value = Number(limit);
    if (!Number.isInteger(value) || value < 1) {
      setStatus({ error: true, text: 'A member limit is a whole number from 1 up.' });
      return;
    }
    void run(() => actions.mode('+l', [String(value)]), `At most ${value} members.`, () => setLimit(''));
  };

  const setKeyMode = () => {
    if (!key.trim() || /[\s,]/.test(key)) {
      setStatus({ error: true, text: 'A key is one word: no spaces or commas.' });
      return;
    }
    void run(() => actions.mode('+k', [key.trim()]), 'The room now needs the key to join.', () => setKey(''));
  };

  return (
    <dialog ref={dialog} className="dialog settings-dialog" aria-labelledby="settings-heading" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="settings-heading">{conversation.name} settings</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      <p className="muted">Modes: {describeModes(settings)}</p>
      {!canModerate && <p className="field-hint">Only the room&apos;s operators can change these; you can still invite people unless the room is invite only.</p>}
      <fieldset className="dialog-section" disabled={busy}>
        <legend>Modes</legend>
        {[...FLAGS].map((flag) => (
          <label key={flag} className="check">
            <input type="checkbox" checked={asked[flag] ?? settings.modes.includes(flag)} disabled={!canModerate}
              onChange={(event) => toggle(flag, event.target.checked)} />
            {FLAG_LABELS[flag]}
          </label>
        ))}
      </fieldset>
      <fieldset className="dialog-section" disabled={busy || !canModerate}>
        <legend>Key and member limit</legend>
        <form className="row" onSubmit={submit(setKeyMode)}>
          <label htmlFor="room-key">Key (+k)</label>
          <input id="room-key" value={key} maxLength={23} autoComplete="off" placeholder={settings.key ? 'set' : 'none'} onChange={(event) => setKey(event.target.value)} />
          <button type="submit" className="button">Set key</button>
          {settings.key && <button type="button" className="button" onClick={() => void run(() => actions.mode('-k', ['*']), 'The key is removed.')}>Remove key</button>}
        </form>
        <form className="row" onSubmit={submit(setLimitMode)}>
          <label htmlFor="room-limit">Member limit (+l)</label>
          <input id="room-limit" inputMode="numeric" value={limit} placeholder={settings.limit ? String(settings.limit) : 'none'} onChange={(event) => setLimit(event.target.value)} />
          <button type="submit" className="button">Set limit</button>
          {settings.limit && <button type="button" className="button" onClick={() => void run(() => actions.mode('-l', []), 'No member limit.')}>Remove limit</button>}
        </form>
      </fieldset>
      <fieldset className="dialog-section" disabled={busy}>
        <legend>Bans (+b)</legend>
        <ul className="ban-list" aria-label="Bans">
          {settings.bans.length === 0 && <li className="muted">No bans.</li>}
          {settings.bans.map((entry) => (
            <li key={entry.mask}>
              <code>{entry.mask}</code>{entry.setBy && <span className="muted"> by {entry.setBy}</span>}
              {canModerate && <button type="button" className="link-button" aria-label={`Lift ban ${entry.mask}`}
                onClick={() => void run(() => actions.mode('-b', [entry.mask]), 'Ban lifted.')}>Lift</button>}
            </li>
          ))}
        </ul>
        {canModerate && (
          <form className="row" onSubmit={submit(() => ban.trim() && void run(() => actions.mode('+b', [ban.trim()]), 'Banned.', () => setBan('')))}>
            <label htmlFor="ban-mask">Ban mask</label>
            <input id="ban-mask" value={ban} placeholder="nick!*@*" autoComplete="off" onChange={(event) => setBan(event.target.value)} />
            <button type="submit" className="button">Ban</button>
          </form>
        )}
      </fieldset>
      <fieldset className="dialog-section" disabled={busy}>
        <legend>Invite</legend>
        <form className="row" onSubmit={submit(() => invitee.trim() && void run(() => actions.invite(invitee.trim()), `Invited ${invitee.trim()}.`, () => setInvitee('')))}>
          <label htmlFor="invite-nick">Nick to invite</label>
          <input id="invite-nick" value={invitee} autoComplete="off" onChange={(event) => setInvitee(event.target.value)} />
          <button type="submit" className="button">Invite</button>
        </form>
      </fieldset>
      {status && <p className={status.error ? 'field-error' : 'field-hint'} role={status.error ? 'alert' : 'status'}>{status.text}</p>}
    </dialog>
  );
}
