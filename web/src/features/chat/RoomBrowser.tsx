import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useChat } from './ChatContext';
import type { RoomListing } from './realtime';

/** A modal dialog (the native <dialog>: focus kept inside, Escape closes) to search, join and create rooms. */
export function RoomBrowser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const chat = useChat();
  const dialog = useRef<HTMLDialogElement>(null);
  const [search, setSearch] = useState('');
  const [rooms, setRooms] = useState<RoomListing[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      chat.list(search).then((found) => live && setRooms(found), () => live && setRooms([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, search, chat.state.connection]);

  const join = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await chat.join(name);
      if (answer.ok) {
        setSearch('');
        onClose();
      } else setError(answer.error ?? 'That room cannot be joined.');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That room cannot be joined.');
    } finally {
      setBusy(false);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    const name = search.trim().replace(/^#?/, '#');
    if (name.length < 2 || /[\s,]/.test(name)) {
      setError('A room name has no spaces or commas.');
      return;
    }
    void join(name);
  };

  const exists = rooms.some((room) => room.name.toLowerCase() === search.trim().replace(/^#?/, '#').toLowerCase());
  const joined = new Set(Object.keys(chat.state.conversations));

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="browser-heading" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="browser-heading">Rooms</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      <form onSubmit={create} className="browser-search">
        <label htmlFor="room-search">Find or create a room</label>
        <div className="row">
          <input id="room-search" type="search" value={search} placeholder="#room" autoComplete="off"
            aria-describedby="room-search-note" onChange={(event) => setSearch(event.target.value)} />
          <button type="submit" className="button primary" disabled={busy || !search.trim() || exists}>Create</button>
        </div>
        <p id="room-search-note" className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {error ?? 'Type a name that does not exist yet to create that room.'}
        </p>
      </form>
      <ul className="room-results" aria-label="Rooms found">
        {rooms.length === 0 && <li className="muted">No rooms found.</li>}
        {rooms.map((room) => (
          <li key={room.name}>
            <div>
              <strong>{room.name}</strong> <span className="muted">{room.members} {room.members === 1 ? 'member' : 'members'}</span>
              {room.topic && <p className="muted topic-line">{room.topic}</p>}
            </div>
            {joined.has(room.name.toLowerCase())
              ? <span className="muted">Joined</span>
              : <button type="button" className="button" disabled={busy} onClick={() => void join(room.name)} aria-label={`Join ${room.name}`}>Join</button>}
          </li>
        ))}
      </ul>
    </dialog>
  );
}
