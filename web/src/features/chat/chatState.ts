import { mergeTimeline, markLocal, type DeliveryState, type TimelineItem } from './messageModel';
import { mentions } from './links';
import type { RoomEvent, RoomSnapshot } from './realtime';

// Everything the chat screen shows, changed only by the actions below (a reducer: easy to test,
// and a live event and a history page arriving together cannot half-apply).

export interface Member {
  nick: string;
  account?: string | null;
  prefixes: string;
}

export interface Conversation {
  /** The room (#name) or, for a direct conversation, the other person's nick, as shown. */
  name: string;
  kind: 'room' | 'direct';
  topic?: string;
  members: Member[];
  timeline: TimelineItem[];
  unread: number;
  mentions: number;
  /** History has nothing older. */
  complete: boolean;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ChatState {
  me: string;
  conversations: Record<string, Conversation>;
  active?: string;
  connection: ConnectionState;
  /** away / back by folded nick, from `presence` events. */
  away: Record<string, boolean>;
  /** Who is typing where: conversation key → nick → until (ms). */
  typing: Record<string, Record<string, number>>;
}

export type ChatAction =
  | { type: 'joined'; room: RoomSnapshot }
  | { type: 'left'; room: string }
  | { type: 'open-direct'; nick: string }
  | { type: 'history'; key: string; items: TimelineItem[]; complete?: boolean }
  | { type: 'live'; event: RoomEvent; key: string }
  | { type: 'local'; key: string; item: TimelineItem }
  | { type: 'local-state'; key: string; localId: string; state: DeliveryState; error?: string }
  | { type: 'select'; key: string }
  | { type: 'connection'; state: ConnectionState }
  | { type: 'presence'; nick: string; state: string; room?: string | null; now: number };

export const keyOf = (name: string) => name.toLowerCase();

export function initialChat(me: string): ChatState {
  return { me, conversations: {}, connection: 'connecting', away: {}, typing: {} };
}

export function toItem(event: RoomEvent): TimelineItem {
  return {
    msgid: event.msgid, sequence: event.sequence, time: event.time, nick: event.nick, account: event.account,
    kind: event.kind, text: event.text, arguments: event.arguments, clientTags: event.clientTags, localId: event.localId, state: 'stored',
  };
}

function emptyConversation(name: string, kind: Conversation['kind']): Conversation {
  return { name, kind, members: [], timeline: [], unread: 0, mentions: 0, complete: false };
}

function withConversation(state: ChatState, key: string, change: (conversation: Conversation) => Conversation): ChatState {
  const current = state.conversations[key];
  if (!current) return state;
  return { ...state, conversations: { ...state.conversations, [key]: change(current) } };
}

/** A room event's effect on the member list (the room stream's kinds: JOIN, PART, QUIT, KICK, NICK, MODE). */
function applyMembership(members: Member[], event: RoomEvent): Member[] {
  const same = (nick: string) => (member: Member) => member.nick.toLowerCase() === nick.toLowerCase();
  switch (event.kind) {
    case 'JOIN':
      return members.some(same(event.nick)) ? members : [...members, { nick: event.nick, account: event.account, prefixes: '' }];
    case 'PART':
    case 'QUIT':
      return members.filter((member) => !same(event.nick)(member));
    case 'KICK':
      {
      const kicked = event.arguments?.[0];
      return kicked ? members.filter((member) => !same(kicked)(member)) : members;
    }
    case 'NICK': {
      const renamed = event.arguments?.[0] ?? event.text;
      return renamed ? members.map((member) => (same(event.nick)(member) ? { ...member, nick: renamed } : member)) : members;
    }
    default:
      return members;
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'joined': {
      const key = keyOf(action.room.name);
      const current = state.conversations[key] ?? emptyConversation(action.room.name, 'room');
      const conversation: Conversation = {
        ...current, name: action.room.name, topic: action.room.topic?.text,
        members: action.room.members.map((member) => ({ nick: member.nick, account: member.account, prefixes: member.prefixes })),
      };
      return { ...state, conversations: { ...state.conversations, [key]: conversation }, active: state.active ?? key };
    }
    case 'left': {
      const key = keyOf(action.room);
      const { [key]: _gone, ...rest } = state.conversations;
      return { ...state, conversations: rest, active: state.active === key ? Object.keys(rest)[0] : state.active };
    }
    case 'open-direct': {
      const key = keyOf(action.nick);
      if (state.conversations[key]) return { ...state, active: key };
      return { ...state, conversations: { ...state.conversations, [key]: emptyConversation(action.nick, 'direct') }, active: key };
    }
    case 'history':
      return withConversation(state, action.key, (conversation) => ({
        ...conversation, timeline: mergeTimeline(conversation.timeline, action.items), complete: conversation.complete || !!action.complete,
      }));
    case 'live': {
      const { event, key } = action;
      let next = state;
      if (!state.conversations[key]) {
        if (event.room.startsWith('#')) return state; // a room this tab has not joined (yet)
        next = { ...state, conversations: { ...state.conversations, [key]: emptyConversation(event.nick, 'direct') } };
      }
      return withConversation(next, key, (conversation) => {
        const before = conversation.timeline.length;
        const timeline = mergeTimeline(conversation.timeline, [toItem(event)]);
        const isNew = timeline.length > before || (event.localId != null);
        const chat = event.kind === 'PRIVMSG' || event.kind === 'NOTICE';
        const fromOther = event.nick.toLowerCase() !== state.me.toLowerCase();
        const counts = isNew && chat && fromOther && state.active !== key;
        return {
          ...conversation, timeline,
          topic: event.kind === 'TOPIC' ? event.text : conversation.topic,
          members: applyMembership(conversation.members, event),
          unread: conversation.unread + (counts ? 1 : 0),
          mentions: conversation.mentions + (counts && (conversation.kind === 'direct' || mentions(event.text, state.me)) ? 1 : 0),
        };
      });
    }
    case 'local':
      return withConversation(state, action.key, (conversation) => ({ ...conversation, timeline: mergeTimeline(conversation.timeline, [action.item]) }));
    case 'local-state':
      return withConversation(state, action.key, (conversation) => ({
        ...conversation, timeline: markLocal(conversation.timeline, action.localId, action.state, action.error),
      }));
    case 'select':
      return withConversation({ ...state, active: action.key }, action.key, (conversation) => ({ ...conversation, unread: 0, mentions: 0 }));
    case 'connection':
      return { ...state, connection: action.state };
    case 'presence': {
      const nick = keyOf(action.nick);
      if (action.state === 'away' || action.state === 'back') return { ...state, away: { ...state.away, [nick]: action.state === 'away' } };
      if (!action.room) return state;
      const room = keyOf(action.room);
      const typing = { ...(state.typing[room] ?? {}) };
      if (action.state === 'active') typing[action.nick] = action.now + 6000;
      else delete typing[action.nick];
      return { ...state, typing: { ...state.typing, [room]: typing } };
    }
  }
}
