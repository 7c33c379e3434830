import { useState, type FormEvent } from 'react';
import type { Conversation } from './chatState';

/** The room's name and topic (editable), its settings, and Leave. */
export function RoomHeader({ conversation, onTopic, onLeave, onSettings }: {
  conversation: Conversation;
  onTopic: (text: string) => Promise<string | null>;
  onLeave: () => void;
  /** Opens the room's settings: modes, bans, invitations. */
  onSettings: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const refused = await onTopic(draft);
    setError(refused);
    if (!refused) setEditing(false);
  };

  return (
    <header className="room-header">
      <div className="room-title">
        <h1>{conversation.name}</h1>
        {editing ? (
          <form onSubmit={(event) => void save(event)} className="topic-form">
            <label htmlFor="topic-input" className="visually-hidden">Topic</label>
            <input id="topic-input" value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={300} autoFocus
              aria-describedby="topic-error" aria-invalid={error ? true : undefined} />
            <button type="submit" className="button primary">Save</button>
            <button type="button" className="button" onClick={() => setEditing(false)}>Cancel</button>
            {error && <p id="topic-error" className="field-error" role="alert">{error}</p>}
          </form>
        ) : (
          <p className="topic">{conversation.topic || (conversation.kind === 'room' ? 'No topic' : 'Direct conversation')}</p>
        )}
      </div>
      {conversation.kind === 'room' && !editing && (
        <div className="room-actions">
          <button type="button" className="button" onClick={() => { setDraft(conversation.topic ?? ''); setError(null); setEditing(true); }}>Edit topic</button>
          <button type="button" className="button" onClick={onSettings}>Settings</button>
          <button type="button" className="button" onClick={onLeave}>Leave</button>
        </div>
      )}
    </header>
  );
}
