import type { ChatState, Conversation } from './chatState';
import { lastStored } from './messageModel';

/** Rooms by name; direct conversations with the latest message first, as a messenger lists them. */
function order(kind: 'room' | 'direct') {
  const latest = (conversation: Conversation) => lastStored(conversation.timeline)?.time ?? '';
  return ([, a]: [string, Conversation], [, b]: [string, Conversation]) =>
    kind === 'direct' ? latest(b).localeCompare(latest(a)) || a.name.localeCompare(b.name) : a.name.localeCompare(b.name);
}

function Badge({ unread, mentions }: { unread: number; mentions: number }) {
  if (mentions > 0) return <span className="badge mention" aria-label={`${mentions} mentions`}>{mentions}</span>;
  if (unread > 0) return <span className="badge" aria-label={`${unread} unread`}>{unread}</span>;
  return null;
}

/** Rooms, then direct conversations, each with its unread or mention count. */
export function ConversationList({ state, onSelect }: { state: ChatState; onSelect: (key: string) => void }) {
  const entries = Object.entries(state.conversations);
  const section = (title: string, kind: 'room' | 'direct') => {
    const items = entries.filter(([, conversation]) => conversation.kind === kind).sort(order(kind));
    return (
      <>
        <h2 className="panel-title" id={`list-${kind}`}>{title}</h2>
        <ul className="conversation-list" aria-labelledby={`list-${kind}`}>
          {items.length === 0 && <li className="muted pad">{kind === 'room' ? 'No rooms yet.' : 'No conversations yet.'}</li>}
          {items.map(([key, conversation]) => (
            <li key={key}>
              <button type="button" className="conversation" aria-current={state.active === key ? 'page' : undefined} onClick={() => onSelect(key)}>
                <span className="conversation-name">{conversation.name}</span>
                <Badge unread={conversation.unread} mentions={conversation.mentions} />
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  };
  return <>{section('Rooms', 'room')}{section('Direct messages', 'direct')}</>;
}
