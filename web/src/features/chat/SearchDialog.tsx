import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SearchPage, SearchRequest } from '../../api/search';
import { exactTime } from './grouping';
import { MessageText } from './MessageText';

/**
 * Search messages in the open room or across all of the account's rooms (the history service's
 * full-text search). Results newest first, "Show older results" for the next page; choosing one
 * opens its room. The service's refusals (bad input, a room not readable) are shown as it says them.
 */
export function SearchDialog({ open, room, search, onOpenRoom, onClose }: {
  open: boolean;
  /** The open room, offered as the scope; undefined when a direct conversation or nothing is open. */
  room?: string;
  search: (request: SearchRequest) => Promise<SearchPage>;
  onOpenRoom: (room: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'room' | 'all'>(room ? 'room' : 'all');
  const [page, setPage] = useState<SearchPage | null>(null);
  const [asked, setAsked] = useState<SearchRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal?.();
    if (!open && element.open) element.close?.();
    if (open) setScope(room ? 'room' : 'all');
  }, [open, room]);

  const run = async (request: SearchRequest, more: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const found = await search(request);
      setPage((current) => (more && current ? { hits: [...current.hits, ...found.hits], next: found.next } : found));
      setAsked(request);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q.length < 2) {
      setError('Type at least two characters.');
      return;
    }
    void run({ q, room: scope === 'room' ? room : undefined }, false);
  };

  return (
    <dialog ref={dialog} className="dialog search-dialog" aria-labelledby="search-heading" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="search-heading">Search messages</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>✕</button>
      </div>
      <form onSubmit={submit} className="browser-search">
        <label htmlFor="search-text">Words to find</label>
        <div className="row">
          <input id="search-text" type="search" value={text} maxLength={200} autoComplete="off" placeholder='fox, "exact phrase", -without'
            aria-describedby="search-note" onChange={(event) => setText(event.target.value)} />
          <button type="submit" className="button primary" disabled={busy}>Search</button>
        </div>
        <fieldset className="scope">
          <legend className="visually-hidden">Where to search</legend>
          <label className="check"><input type="radio" name="scope" checked={scope === 'room'} disabled={!room} onChange={() => setScope('room')} />
            {room ? `In ${room}` : 'In this room'}</label>
          <label className="check"><input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />In all my rooms</label>
        </fieldset>
        <p id="search-note" className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
          {error ?? (page ? `${page.hits.length}${page.next ? '+' : ''} ${page.hits.length === 1 ? 'message' : 'messages'} found.` : 'Newest first, in rooms you are in.')}
        </p>
      </form>
      {page && (
        <ul className="search-results" aria-label="Search results">
          {page.hits.length === 0 && <li className="muted">Nothing found.</li>}
          {page.hits.map((hit) => (
            <li key={hit.message.msgid}>
              <button type="button" className="search-hit" onClick={() => { onOpenRoom(hit.room); onClose(); }}
                aria-label={`${hit.message.nick} in ${hit.room}: open the room`}>
                <span className="search-meta"><strong>{hit.message.nick}</strong> in {hit.room} · <time dateTime={hit.message.time}>{exactTime(hit.message.time)}</time></span>
              </button>
              <p className="search-text"><MessageText text={hit.message.text} /></p>
            </li>
          ))}
        </ul>
      )}
      {page?.next && asked && (
        <button type="button" className="button" disabled={busy} onClick={() => void run({ ...asked, before: page.next }, true)}>Show older results</button>
      )}
    </dialog>
  );
}
