import { useCallback, useEffect, useState } from 'react';
import { acceptSuggestion, dismissSuggestion, fetchSuggestions, type SuggestedItem, type SuggestionKind, type SuggestionList } from '../../api/recommendations';
import { ProblemError } from '../../api/authorized';

const COUNT = 5;
const RETRY_MS = 30_000;

/**
 * A room as the chat names it. The model's ids are the rooms' names where it learns from chat
 * events, but its generated workload (docs/ml.md) numbers rooms "1", "2", …: those join as "#12".
 */
export const roomName = (id: string) => (id.startsWith('#') ? id : `#${id}`);

const shownName = (kind: SuggestionKind, id: string) => (kind === 'room' ? roomName(id) : id);

interface Lists {
  room: SuggestionList;
  person: SuggestionList;
}

/**
 * Rooms to join and people to talk to, each with the recommender's short reason (docs/ml.md):
 * one click joins the room or opens the conversation, ✕ dismisses it for good. The lists are asked
 * for only while the panel is `visible`, because serving a list counts as showing it (impressions).
 */
export function RecommendationsPanel({ token, visible, joined, onJoinRoom, onTalkTo, refreshKey = 0 }: {
  token: () => Promise<string>;
  visible: boolean;
  /** Rooms (folded) and nicks already open: a suggestion of one of them is not shown. */
  joined: Set<string>;
  onJoinRoom: (room: string) => Promise<string | null>;
  onTalkTo: (nick: string) => void;
  /** Changes when the lists should be asked for again (the personalisation setting changed). */
  refreshKey?: number;
}) {
  const [lists, setLists] = useState<Lists | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'preparing' | 'failed' | 'ready'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!visible) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState('loading');
    token().then((value) => Promise.all([fetchSuggestions('room', value, COUNT), fetchSuggestions('person', value, COUNT)]))
      .then(([room, person]) => {
        if (!live) return;
        setLists({ room, person });
        setState('ready');
      })
      .catch((failure: unknown) => {
        if (!live) return;
        // 503: the first model is still training; ask again a little later.
        const preparing = failure instanceof ProblemError && failure.problem.status === 503;
        setState(preparing ? 'preparing' : 'failed');
        if (preparing) timer = setTimeout(() => setAttempt((count) => count + 1), RETRY_MS);
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [visible, token, attempt, refreshKey]);

  const remove = (kind: SuggestionKind, id: string) =>
    setLists((current) => current && { ...current, [kind]: { ...current[kind], items: current[kind].items.filter((item) => item.id !== id) } });

  const follow = useCallback(async (kind: SuggestionKind, item: SuggestedItem) => {
    setBusy(`${kind}:${item.id}`);
    setError(null);
    try {
      const value = await token();
      // The click is counted best effort: a server without /accept (404) still lets the user join.
      void acceptSuggestion(value, kind, item.id, lists?.[kind].modelVersion).catch(() => undefined);
      if (kind === 'room') {
        const refusal = await onJoinRoom(roomName(item.id));
        if (refusal) setError(`${roomName(item.id)}: ${refusal}`);
        else remove('room', item.id);
      } else {
        onTalkTo(item.id);
      }
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  }, [lists, onJoinRoom, onTalkTo, token]);

  const dismiss = async (kind: SuggestionKind, item: SuggestedItem) => {
    setBusy(`${kind}:${item.id}`);
    setError(null);
    try {
      const outcome = await dismissSuggestion(await token(), kind, item.id);
      if (outcome.ok) remove(kind, item.id);
      else setError(outcome.problem.detail ?? outcome.problem.title);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };

  const section = (kind: SuggestionKind, title: string) => {
    const items = (lists?.[kind].items ?? []).filter((item) => !joined.has(shownName(kind, item.id).toLowerCase()));
    const headingId = `suggested-${kind}`;
    return (
      <>
        <h3 className="panel-title" id={headingId}>{title}</h3>
        <ul className="suggestion-list" aria-labelledby={headingId}>
          {items.length === 0 && <li className="muted note">Nothing to suggest right now.</li>}
          {items.map((item) => (
            <li key={item.id} className="suggestion">
              <span>
                <span className="suggestion-name">{shownName(kind, item.id)}</span>
                <span className="suggestion-reason">{item.reason}</span>
              </span>
              <button type="button" className="button" disabled={busy !== null}
                aria-label={kind === 'room' ? `Join ${roomName(item.id)}` : `Message ${item.id}`}
                onClick={() => void follow(kind, item)}>{kind === 'room' ? 'Join' : 'Message'}</button>
              <button type="button" className="icon-button dismiss" disabled={busy !== null}
                aria-label={`Dismiss ${shownName(kind, item.id)}: never suggest it again`} title="Never suggest again"
                onClick={() => void dismiss(kind, item)}>✕</button>
            </li>
          ))}
        </ul>
      </>
    );
  };

  const personalised = lists ? lists.room.personalised !== false : true;
  return (
    <section className="suggestions" aria-labelledby="suggestions-heading" aria-busy={state === 'loading'}>
      <h2 className="panel-title" id="suggestions-heading">Suggested for you</h2>
      {state === 'preparing' && <p className="muted note" role="status">Suggestions are being prepared; they appear in a moment.</p>}
      {state === 'failed' && <p className="muted note" role="status">Suggestions are not available right now.</p>}
      {state === 'ready' && !personalised && <p className="muted note">Popular right now (not personalised).</p>}
      {error && <p className="field-error note" role="alert">{error}</p>}
      {lists && section('room', 'Rooms')}
      {lists && section('person', 'People')}
    </section>
  );
}
