import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { fetchConversationHistory, fetchRecentConversations, fetchRoomHistory, HISTORY_PAGE, type HistoryAnchor, type HistoryMessage } from '../../api/history';
import { accessToken } from '../auth/oidc';
import { takePrefetched } from '../../api/historyCache';
import { preloadRooms } from '../recommendations/preload';
import { chatReducer, initialChat, keyOf, type ChatState, type Conversation } from './chatState';
import { firstStored, lastStored, type TimelineItem } from './messageModel';
import { ACTION_PREFIX } from './grouping';
import { isLater } from './readPosition';
import { RealtimeClient, type Answer, type JoinAnswer, type ModeAnswer, type RoomListing } from './realtime';

// One realtime connection per tab, owned here; components get the state and these verbs.

export interface ChatApi {
  state: ChatState;
  select: (key: string) => void;
  join: (room: string) => Promise<JoinAnswer>;
  leave: (key: string) => Promise<Answer>;
  setTopic: (key: string, text: string) => Promise<Answer>;
  send: (key: string, text: string) => Promise<void>;
  retry: (key: string, localId: string) => Promise<void>;
  loadOlder: (key: string) => Promise<void>;
  list: (search: string) => Promise<RoomListing[]>;
  openDirect: (nick: string) => void;
  kick: (key: string, nick: string, reason?: string) => Promise<Answer>;
  invite: (key: string, nick: string) => Promise<Answer>;
  /** One MODE on the room: `+m`, `+k key`, `+o nick`, `-b mask`… each change applied or refused on its own. */
  mode: (key: string, modestring: string, args?: string[]) => Promise<ModeAnswer>;
  /** Accepting an invitation is joining the room (the invitation lets the account past +i). */
  acceptInvitation: (room: string) => Promise<JoinAnswer>;
  dismissInvitation: (room: string) => void;
  dismissNotice: () => void;
  typing: (key: string, state: 'active' | 'done') => void;
  /** Closes the realtime connection for good (before signing out, so it does not reconnect with a revoked token). */
  disconnect: () => Promise<void>;
}

const ChatContext = createContext<ChatApi | null>(null);
/** How long a message may stay pending before it is shown as failed (it may still arrive later). */
const PENDING_TIMEOUT_MS = 20_000;

export function historyItem(message: HistoryMessage): TimelineItem {
  return {
    msgid: message.msgid, sequence: message.sequence, time: message.time, nick: message.nick, account: message.accountName,
    kind: message.kind, text: message.text, arguments: message.arguments, clientTags: message.clientTags, state: 'stored',
  };
}

/** A room's history with its events, or a direct conversation's (read as this account). */
async function readHistory(conversation: Pick<Conversation, 'name' | 'kind'>, anchor: HistoryAnchor): Promise<HistoryMessage[]> {
  const token = await accessToken();
  return conversation.kind === 'room' ? fetchRoomHistory(conversation.name, anchor, token) : fetchConversationHistory(conversation.name, anchor, token);
}

/** `/me waves` → the CTCP ACTION IRC clients show as "* nick waves". */
export function outgoingText(text: string): string {
  return text.startsWith('/me ') ? `${ACTION_PREFIX}${text.slice(4)}\u0001` : text;
}

/** The account's rooms with the preloaded ones first, in the order they were predicted. */
export function likelyFirst(rooms: string[], likely: string[]): string[] {
  const folded = likely.map((room) => room.toLowerCase());
  const rank = (room: string) => {
    const index = folded.indexOf(room.toLowerCase());
    return index < 0 ? folded.length : index;
  };
  return [...rooms].sort((a, b) => rank(a) - rank(b));
}

export function ChatProvider({ me, children }: { me: string; children: ReactNode }) {
  const [state, dispatch] = useReducer(chatReducer, me, initialChat);
  const stateRef = useRef(state);
  stateRef.current = state;
  const clientRef = useRef<RealtimeClient | null>(null);
  const sendArity = useRef<3 | 4>(3);

  /** Applies an action now as well, so the next await reads the state it left (dispatch runs later). */
  const apply = useCallback((action: Parameters<typeof chatReducer>[1]) => {
    dispatch(action);
    stateRef.current = chatReducer(stateRef.current, action);
  }, []);

  const loadLatest = useCallback(async (conversation: Pick<Conversation, 'name' | 'kind'>) => {
    const messages = await readHistory(conversation, { latest: true });
    apply({ type: 'history', key: keyOf(conversation.name), items: messages.map(historyItem), complete: messages.length < HISTORY_PAGE });
  }, [apply]);

  /** Exactly what was missed: pages after the newest stored msgid until history has no more (docs/web-realtime.md). */
  const fillGap = useCallback(async (conversation: Pick<Conversation, 'name' | 'kind'>) => {
    const key = keyOf(conversation.name);
    for (let page = 0; page < 20; page++) {
      const last = lastStored(stateRef.current.conversations[key]?.timeline ?? []);
      if (!last) {
        // A room page preloaded after sign-in (features/recommendations/preload.ts) stands in for
        // the latest page; the next turn asks for anything said after it, so it leaves no gap.
        const preloaded = conversation.kind === 'room' ? await takePrefetched(conversation.name) : undefined;
        if (!preloaded) return loadLatest(conversation);
        apply({ type: 'history', key, items: preloaded.map(historyItem), complete: preloaded.length < HISTORY_PAGE });
        continue;
      }
      const messages = await readHistory(conversation, { after: last.msgid });
      apply({ type: 'history', key, items: messages.map(historyItem) });
      if (messages.length < HISTORY_PAGE) return;
    }
  }, [apply, loadLatest]);

  /** The account's read position there, as its other devices left it. */
  const syncRead = useCallback(async (client: RealtimeClient, target: string) => {
    const answer = await client.readMarker(target);
    if (answer.ok) apply({ type: 'read', target, readAt: answer.readAt });
  }, [apply]);

  /** A direct conversation in the list: its latest messages and read position. */
  const openConversation = useCallback(async (client: RealtimeClient, nick: string, select: boolean) => {
    apply({ type: 'open-direct', nick, select });
    await Promise.all([fillGap({ name: nick, kind: 'direct' }), syncRead(client, nick)]);
  }, [apply, fillGap, syncRead]);

  const joinRoom = useCallback(async (client: RealtimeClient, room: string): Promise<JoinAnswer> => {
    const answer = await client.join(room);
    if (answer.ok && answer.room) {
      apply({ type: 'joined', room: answer.room });
      const room = { name: answer.room.name, kind: 'room' as const };
      await Promise.all([fillGap(room).catch(() => undefined), syncRead(client, room.name).catch(() => undefined)]);
    }
    return answer;
  }, [apply, fillGap, syncRead]);

  useEffect(() => {
    const client = new RealtimeClient(accessToken, {
      // A direct message's room is the other party's nick: the conversation either way.
      message: (event) => dispatch({ type: 'live', event, key: keyOf(event.room) }),
      event: (event) => dispatch({ type: 'live', event, key: keyOf(event.room) }),
      presence: (event) => dispatch(event.kind === 'typing'
        ? { type: 'presence', nick: event.nick, state: event.state ?? 'done', room: event.target, now: Date.now() }
        : { type: 'presence', nick: event.nick, state: event.kind === 'away' ? 'away' : 'back', now: Date.now() }),
      read: (event) => dispatch({ type: 'read', target: event.target, readAt: event.readAt }),
      resync: () => {
        for (const conversation of Object.values(stateRef.current.conversations)) void fillGap(conversation).catch(() => undefined);
      },
      connection: (connection) => dispatch({ type: 'connection', state: connection }),
      reconnected: () => {
        for (const conversation of Object.values(stateRef.current.conversations)) {
          if (conversation.kind === 'room') void joinRoom(client, conversation.name).catch(() => undefined);
          else void openConversation(client, conversation.name, false).catch(() => undefined);
        }
      },
    });
    clientRef.current = client;
    let live = true;
    // The rooms likely opened next are fetched while the hub connects, and joined first.
    let listed: (rooms: string[]) => void = () => undefined;
    const accountRooms = new Promise<string[]>((resolve) => { listed = resolve; });
    const preloaded = accessToken().then((token) => preloadRooms(token, () => accountRooms)).catch(() => [] as string[]);
    client.start().then(async () => {
      if (!live) return;
      dispatch({ type: 'connection', state: 'connected' });
      const rooms = await client.rooms();
      listed(rooms);
      for (const room of likelyFirst(rooms, await preloaded)) await joinRoom(client, room);
      // Direct conversations of the last months, newest first, each with its unread count.
      const recent = await fetchRecentConversations(await accessToken()).catch(() => []);
      for (const conversation of recent) await openConversation(client, conversation.room, false).catch(() => undefined);
    }).catch(() => {
      listed([]);
      if (live) dispatch({ type: 'connection', state: 'disconnected' });
    });
    return () => {
      live = false;
      clientRef.current = null;
      void client.stop();
    };
  }, [fillGap, joinRoom, openConversation]);

  // Reading the open conversation moves the account's read position there (every device follows).
  const requested = useRef<Record<string, string>>({});
  const [visible, setVisible] = useState(() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  const active = state.active ? state.conversations[state.active] : undefined;
  const newest = active && lastStored(active.timeline);
  useEffect(() => {
    const client = clientRef.current;
    // A message that arrives in a background tab is not read until the tab is looked at.
    if (!visible || !active || !newest || !client?.connected || !isLater(newest.time, active.readAt)) return;
    const key = keyOf(active.name);
    if (requested.current[key] === newest.msgid) return;
    requested.current[key] = newest.msgid;
    client.markRead(active.name, newest.time)
      .then((answer) => answer.ok && dispatch({ type: 'read', target: active.name, readAt: answer.readAt }))
      .catch(() => { delete requested.current[key]; });
  }, [active, newest, state.connection, visible]);

  const roomName = (key: string) => stateRef.current.conversations[key]?.name ?? key;

  const client = () => {
    const current = clientRef.current;
    if (!current?.connected) throw new Error('Not connected; wait a moment and try again.');
    return current;
  };

  const deliver = useCallback(async (key: string, target: string, text: string, localId: string) => {
    const fail = (error: string) => dispatch({ type: 'local-state', key, localId, state: 'failed', error });
    try {
      const realtime = client();
      let answer: Answer;
      try {
        answer = sendArity.current === 3
          ? await realtime.send(target, text, localId)
          : await realtime.invoke<Answer>('Send', target, text, null, localId);
      } catch (error) {
        // A server on the documented contract takes clientTags before localId: Send(target, text, clientTags?, localId).
        if (sendArity.current !== 3) throw error;
        sendArity.current = 4;
        answer = await realtime.invoke<Answer>('Send', target, text, null, localId);
      }
      if (!answer.ok) return fail(answer.error ?? 'Not sent.');
      setTimeout(() => {
        const item = stateRef.current.conversations[key]?.timeline.find((entry) => entry.localId === localId);
        if (item && item.state === 'pending') fail('Not confirmed yet; retry?');
      }, PENDING_TIMEOUT_MS);
    } catch (error) {
      fail(error instanceof Error && error.message.startsWith('Not connected') ? error.message : 'Not sent: the connection failed.');
    }
  }, []);

  const api = useMemo<ChatApi>(() => ({
    state,
    select: (key) => dispatch({ type: 'select', key }),
    join: async (room) => {
      const name = room.startsWith('#') ? room : `#${room}`;
      const answer = await joinRoom(client(), name);
      if (answer.ok && answer.room) dispatch({ type: 'select', key: keyOf(answer.room.name) });
      return answer;
    },
    leave: async (key) => {
      const conversation = stateRef.current.conversations[key];
      if (!conversation) return { ok: true };
      const answer = conversation.kind === 'room' ? await client().part(conversation.name) : { ok: true };
      if (answer.ok) dispatch({ type: 'left', room: conversation.name });
      return answer;
    },
    setTopic: (key, text) => client().topic(stateRef.current.conversations[key]?.name ?? key, text),
    send: async (key, text) => {
      const conversation = stateRef.current.conversations[key];
      if (!conversation) return;
      const localId = crypto.randomUUID();
      const body = outgoingText(text);
      dispatch({ type: 'local', key, item: { msgid: `local:${localId}`, sequence: 0, time: new Date().toISOString(), nick: me, kind: 'PRIVMSG', text: body, localId, state: 'pending' } });
      await deliver(key, conversation.name, body, localId);
    },
    retry: async (key, localId) => {
      const item = stateRef.current.conversations[key]?.timeline.find((entry) => entry.localId === localId);
      const conversation = stateRef.current.conversations[key];
      if (!item || !conversation) return;
      dispatch({ type: 'local-state', key, localId, state: 'pending' });
      await deliver(key, conversation.name, item.text, localId);
    },
    loadOlder: async (key) => {
      const conversation = stateRef.current.conversations[key];
      const first = conversation && firstStored(conversation.timeline);
      if (!conversation || conversation.complete) return;
      if (!first) return loadLatest(conversation);
      const messages = await readHistory(conversation, { before: first.msgid });
      dispatch({ type: 'history', key, items: messages.map(historyItem), complete: messages.length < HISTORY_PAGE });
    },
    list: (search) => client().list(search),
    openDirect: (nick) => {
      const current = clientRef.current;
      if (current?.connected) void openConversation(current, nick, true).catch(() => undefined);
      else dispatch({ type: 'open-direct', nick });
    },
    kick: (key, nick, reason) => client().kick(roomName(key), nick, reason),
    invite: (key, nick) => client().invite(roomName(key), nick),
    mode: (key, modestring, args = []) => client().mode(roomName(key), modestring, args),
    acceptInvitation: async (room) => {
      const answer = await joinRoom(client(), room);
      if (answer.ok && answer.room) dispatch({ type: 'select', key: keyOf(answer.room.name) });
      return answer;
    },
    dismissInvitation: (room) => dispatch({ type: 'dismiss-invitation', room }),
    dismissNotice: () => dispatch({ type: 'dismiss-notice' }),
    typing: (key, typingState) => {
      const conversation = stateRef.current.conversations[key];
      if (conversation && clientRef.current?.connected) void clientRef.current.typing(conversation.name, typingState);
    },
    disconnect: async () => {
      const current = clientRef.current;
      clientRef.current = null;
      await current?.stop();
    },
  }), [state, me, joinRoom, deliver, loadLatest, openConversation]);

  return <ChatContext.Provider value={api}>{children}</ChatContext.Provider>;
}

export function useChat(): ChatApi {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useChat outside ChatProvider');
  return value;
}
