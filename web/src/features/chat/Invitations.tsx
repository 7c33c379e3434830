import { useState } from 'react';
import type { Invitation } from './chatState';

/** Invitations to rooms (INVITE while not in the room): Join accepts, Dismiss forgets it. */
export function Invitations({ invitations, onAccept, onDismiss }: {
  invitations: Invitation[];
  onAccept: (room: string) => Promise<string | null>;
  onDismiss: (room: string) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (invitations.length === 0) return null;
  const accept = async (room: string) => {
    const refused = await onAccept(room).catch((failure: unknown) => (failure instanceof Error ? failure.message : String(failure)));
    setErrors((current) => ({ ...current, [room]: refused ?? '' }));
  };
  return (
    <section className="invitations" aria-label="Invitations">
      <ul>
        {invitations.map((invitation) => (
          <li key={invitation.room} className="invitation">
            <span><strong>{invitation.by}</strong> invited you to <strong>{invitation.room}</strong></span>
            <span className="button-row">
              <button type="button" className="button primary" onClick={() => void accept(invitation.room)} aria-label={`Join ${invitation.room}`}>Join</button>
              <button type="button" className="button subtle" onClick={() => onDismiss(invitation.room)} aria-label={`Dismiss the invitation to ${invitation.room}`}>Dismiss</button>
            </span>
            {errors[invitation.room] && <p className="field-error" role="alert">{errors[invitation.room]}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
