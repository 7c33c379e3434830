import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Answer } from './realtime';
import type { Member } from './chatState';
import { hasVoice, isOperator } from './roomModes';

/** What the member dialog can ask of the room (ChatContext's verbs, bound to the open room). */
export interface MemberActions {
  message: (nick: string) => void;
  mode: (modestring: string, args: string[]) => Promise<string | null>;
  kick: (nick: string, reason: string) => Promise<Answer>;
}

/**
 * One member of the open room: message them directly and, for a room operator, give or take
 * operator and voice, remove (KICK) or ban them. A refusal from the room (482 and the like) is shown
 * as the server says it; nothing is hidden from non-operators but the controls they cannot use.
 */
export function MemberDialog({ member, room, me, away, canModerate, actions, onClose }: {
  member: Member | null;
  room: string;
  me: string;
  away: boolean;
  canModerate: boolean;
  actions: MemberActions;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (member && !element.open) element.showModal?.();
    if (!member && element.open) element.close?.();
    setError(null);
    setReason('');
  }, [member]);

  const run = async (action: () => Promise<string | null>, closeWhenDone = false) => {
    setBusy(true);
    setError(null);
    try {
      const refused = await action();
      setError(refused);
      if (!refused && closeWhenDone) onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const nick = member?.nick ?? '';
  const self = nick.toLowerCase() === me.toLowerCase();
  const op = isOperator(member?.prefixes);
  const voiced = hasVoice(member?.prefixes);

  const kick = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await actions.kick(nick, reason.trim());
      return answer.ok ? null : answer.error ?? 'Cannot remove them.';
    }, true);
  };

  return (
    <dialog ref={dialog} className="dialog member-dialog" aria-labelledby="member-heading" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="member-heading">{nick}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      {member && (
        <>
          <p className="muted">
            {away ? 'Away' : 'Online'}{member.account ? ` · account ${member.account}` : ''}{op ? ' · operator' : voiced ? ' · voice' : ''} in {room}
          </p>
          {!self && (
            <button type="button" className="button primary wide" onClick={() => { actions.message(nick); onClose(); }}>
              Send a direct message
            </button>
          )}
          {canModerate ? (
            <section aria-labelledby="member-moderation" className="dialog-section">
              <h3 id="member-moderation">Moderation</h3>
              <div className="button-row">
                <button type="button" className="button" disabled={busy} onClick={() => void run(() => actions.mode(op ? '-o' : '+o', [nick]))}>
                  {op ? 'Remove operator' : 'Make operator'}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => void run(() => actions.mode(voiced ? '-v' : '+v', [nick]))}>
                  {voiced ? 'Take voice' : 'Give voice'}
                </button>
                {!self && (
                  <button type="button" className="button danger" disabled={busy}
                    onClick={() => void run(() => actions.mode('+b', [`${nick}!*@*`]))}>Ban</button>
                )}
              </div>
              {!self && (
                <form onSubmit={kick} className="row">
                  <label htmlFor="kick-reason" className="visually-hidden">Reason for removing {nick}</label>
                  <input id="kick-reason" value={reason} maxLength={200} placeholder="Reason (optional)" onChange={(event) => setReason(event.target.value)} />
                  <button type="submit" className="button danger" disabled={busy}>Remove from room</button>
                </form>
              )}
            </section>
          ) : (
            <p className="field-hint">Only the room&apos;s operators can change someone&apos;s role or remove them.</p>
          )}
          {error && <p className="field-error" role="alert">{error}</p>}
        </>
      )}
    </dialog>
  );
}
