import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { fetchRoomHistory, HISTORY_PAGE, type HistoryMessage } from '../../api/history';
import { accessToken } from '../auth/oidc';
import { takePrefetched } from '../../api/historyCache';
import { preloadRooms } from '../recommendations/preload';
import { chatReducer, initialChat, keyOf, type ChatState } from './chatState';
import { firstStored, lastStored, type TimelineItem } from './messageModel';
import { ACTION_PREFIX } from './grouping';
import { RealtimeClient, type Answer, type JoinAnswer, type RoomEvent, type RoomListing } from './realtime';

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

  const conversationKey = useCallback((event: RoomEvent) => {
    if (event.room.startsWith('#')) return keyOf(event.room);
    const mine = event.nick.toLowerCase() === me.toLowerCase();
    return keyOf(mine ? event.target ?? event.room : event.nick);
  }, [me]);

  const loadLatest = useCallback(async (room: string) => {
    const messages = await fetchRoomHistory(room, { latest: true }, await accessToken());
    dispatch({ type: 'history', key: keyOf(room), items: messages.map(historyItem), complete: messages.length < HISTORY_PAGE });
  }, []);

  /** Exactly what was missed: pages after the newest stored msgid until history has no more (docs/web-realtime.md). */
  const fillGap = useCallback(async (room: string) => {
    const key = keyOf(room);
    for (let page = 0; page < 20; page++) {
      const last = lastStored(stateRef.current.conversations[key]?.timeline ?? []);
      if (!last) {
        // A page preloaded after sign-in (features/recommendations/preload.ts) stands in for the
        // latest page; the next turn asks for anything said after it, so it leaves no gap.
        const preloaded = await takePrefetched(room);
        if (!preloaded) return loadLatest(room);
        const items = preloaded.map(historyItem);
        dispatch({ type: 'history', key, items, complete: preloaded.length < HISTORY_PAGE });
        stateRef.current = chatReducer(stateRef.current, { type: 'history', key, items, complete: preloaded.length < HISTORY_PAGE });
        continue;
      }
      const messages = await fetchRoomHistory(room, { after: last.msgid }, await accessToken());
      dispatch({ type: 'history', key, items: messages.map(historyItem) });
      // Let the reducer run before the next page reads the newest msgid.
      stateRef.current = chatReducer(stateRef.current, { type: 'history', key, items: messages.map(historyItem) });
      if (messages.length < HISTORY_PAGE) return;
    }
  }, [loadLatest]);

  const joinRoom = useCallback(async (client: RealtimeClient, room: string): Promise<JoinAnswer> => {
    const answer = await client.join(room);
    if (answer.ok && answer.room) {
      dispatch({ type: 'joined', room: answer.room });
      stateRef.current = chatReducer(stateRef.current, { type: 'joined', room: answer.room });
      await fillGap(answer.room.name).catch(() => undefined);
    }
    return answer;
  }, [fillGap]);

  useEffect(() => {
    const client = new RealtimeClient(accessToken, {
      message: (event) => dispatch({ type: 'live', event, key: conversationKey(event) }),
      event: (event) => dispatch({ type: 'live', event, key: conversationKey(event) }),
      presence: (event) => dispatch({ type: 'presence', nick: event.nick, state: event.state, room: event.room, now: Date.now() }),
      resync: () => {
        for (const conversation of Object.values(stateRef.current.conversations)) {
          if (conversation.kind === 'room') void fillGap(conversation.name).catch(() => undefined);
        }
      },
      connection: (connection) => dispatch({ type: 'connection', state: connection }),
      reconnected: () => {
        for (const conversation of Object.values(stateRef.current.conversations)) {
          if (conversation.kind === 'room') void joinRoom(client, conversation.name).catch(() => undefined);
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
    }).catch(() => {
      listed([]);
      if (live) dispatch({ type: 'connection', state: 'disconnected' });
    });
    return () => {
      live = false;
      clientRef.current = null;
      void client.stop();
    };
  }, [conversationKey, fillGap, joinRoom]);

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
      if (!conversation || conversation.complete || conversation.kind !== 'room') return;
      if (!first) return loadLatest(conversation.name);
      const messages = await fetchRoomHistory(conversation.name, { before: first.msgid }, await accessToken());
      dispatch({ type: 'history', key, items: messages.map(historyItem), complete: messages.length < HISTORY_PAGE });
    },
    list: (search) => client().list(search),
    openDirect: (nick) => dispatch({ type: 'open-direct', nick }),
    typing: (key, typingState) => {
      const conversation = stateRef.current.conversations[key];
      if (conversation && clientRef.current?.connected) void clientRef.current.typing(conversation.name, typingState);
    },
    disconnect: async () => {
      const current = clientRef.current;
      clientRef.current = null;
      await current?.stop();
    },
  }), [state, me, joinRoom, deliver, loadLatest]);

  return <ChatContext.Provider value={api}>{children}</ChatContext.Provider>;
}

export function useChat(): ChatApi {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useChat outside ChatProvider');
  return value;
}
