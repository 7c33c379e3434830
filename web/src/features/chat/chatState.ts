import { mergeTimeline, markLocal, type DeliveryState, type TimelineItem } from './messageModel';
import { mentions } from './links';
import { countUnread, firstUnread, isLater } from './readPosition';
import { applyMode, type RoomSettings } from './roomModes';
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
  /** A room's modes, key, limit and bans (rooms only). */
  settings: RoomSettings;
  /** The account's read position here, shared by its devices (null: never set). */
  readAt?: string | null;
  /** Where the "New messages" line stands: the first unread message when the conversation was opened. */
  unreadFrom?: string;
}

/** An invitation to a room (INVITE), shown until it is accepted (joined) or dismissed. */
export interface Invitation {
  room: string;
  by: string;
  time: string;
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
  invitations: Invitation[];
  /** Something that happened to this account that it should be told of (removed from a room). */
  notice: string | null;
}

export type ChatAction =
  | { type: 'joined'; room: RoomSnapshot }
  | { type: 'left'; room: string }
  | { type: 'open-direct'; nick: string; select?: boolean }
  | { type: 'read'; target: string; readAt: string | null | undefined }
  | { type: 'dismiss-invitation'; room: string }
  | { type: 'dismiss-notice' }
  | { type: 'history'; key: string; items: TimelineItem[]; complete?: boolean }
  | { type: 'live'; event: RoomEvent; key: string }
  | { type: 'local'; key: string; item: TimelineItem }
  | { type: 'local-state'; key: string; localId: string; state: DeliveryState; error?: string }
  | { type: 'select'; key: string }
  | { type: 'connection'; state: ConnectionState }
  | { type: 'presence'; nick: string; state: string; room?: string | null; now: number };

export const keyOf = (name: string) => name.toLowerCase();

export function initialChat(me: string): ChatState {
  return { me, conversations: {}, connection: 'connecting', away: {}, typing: {}, invitations: [], notice: null };
}

export function toItem(event: RoomEvent): TimelineItem {
  return {
    msgid: event.msgid, sequence: event.sequence, time: event.time, nick: event.nick, account: event.account,
    kind: event.kind, text: event.text, arguments: event.arguments, clientTags: event.clientTags, localId: event.localId, state: 'stored',
  };
}

export function emptyConversation(name: string, kind: Conversation['kind']): Conversation {
  return { name, kind, members: [], timeline: [], unread: 0, mentions: 0, complete: false, settings: { modes: '', bans: [] } };
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
        settings: {
          modes: action.room.modes ?? '', key: action.room.key, limit: action.room.limit,
          bans: (action.room.bans ?? []).map((ban) => ({ mask: ban.mask, setBy: ban.setBy, setAt: ban.setAt })),
        },
      };
      return {
        ...state, conversations: { ...state.conversations, [key]: conversation }, active: state.active ?? key,
        invitations: state.invitations.filter((invitation) => keyOf(invitation.room) !== key),
      };
    }
    case 'left':
      return without(state, keyOf(action.room));
    case 'dismiss-notice':
      return { ...state, notice: null };
    case 'open-direct': {
      const key = keyOf(action.nick);
      const active = action.select === false ? state.active : key;
      if (state.conversations[key]) return { ...state, active };
      return { ...state, conversations: { ...state.conversations, [key]: emptyConversation(action.nick, 'direct') }, active };
    }
    case 'history':
      return withConversation(state, action.key, (conversation) => recount(state, action.key, {
        ...conversation, timeline: mergeTimeline(conversation.timeline, action.items), complete: conversation.complete || !!action.complete,
      }));
    case 'read':
      return withConversation(state, keyOf(action.target), (conversation) => (isLater(action.readAt, conversation.readAt)
        ? recount(state, keyOf(action.target), { ...conversation, readAt: action.readAt })
        : conversation));
    case 'dismiss-invitation':
      return { ...state, invitations: state.invitations.filter((invitation) => keyOf(invitation.room) !== keyOf(action.room)) };
    case 'live': {
      const { event, key } = action;
      if (event.kind === 'KICK' && state.conversations[key] && isMe(state, event.arguments?.[0])) {
        return { ...without(state, key), notice: `${event.nick} removed you from ${event.room}${event.text ? `: ${event.text}` : '.'}` };
      }
      let next = state;
      if (!state.conversations[key]) {
        if (event.kind === 'INVITE') return invited(state, event);
        if (event.room.startsWith('#')) return state; // a room this tab has not joined (yet)
        // A direct message's room is the other party, whoever of the two wrote it.
        next = { ...state, conversations: { ...state.conversations, [key]: emptyConversation(event.room, 'direct') } };
      }
      return withConversation(next, key, (conversation) => {
        const before = conversation.timeline.length;
        const timeline = mergeTimeline(conversation.timeline, [toItem(event)]);
        const isNew = timeline.length > before || (event.localId != null);
        const chat = event.kind === 'PRIVMSG' || event.kind === 'NOTICE';
        const fromOther = event.nick.toLowerCase() !== state.me.toLowerCase();
        const counts = isNew && chat && fromOther && state.active !== key;
        const moded = event.kind === 'MODE' && isNew ? applyMode(conversation.settings, conversation.members, event.arguments ?? []) : null;
        return {
          ...conversation, timeline,
          topic: event.kind === 'TOPIC' ? event.text : conversation.topic,
          settings: moded?.settings ?? conversation.settings,
          members: applyMembership(moded?.members ?? conversation.members, event),
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
      return withConversation({ ...state, active: action.key }, action.key, (conversation) => ({
        ...conversation, unread: 0, mentions: 0,
        unreadFrom: conversation.unread > 0 ? firstUnread(conversation.timeline, conversation.readAt, state.me) : undefined,
      }));
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

/** Counts from the read position: none in the conversation on screen; left as they are when nothing says where reading stopped. */
function recount(state: ChatState, key: string, conversation: Conversation): Conversation {
  if (state.active === key) return { ...conversation, unread: 0, mentions: 0 };
  if (!conversation.readAt && conversation.kind === 'room') return conversation;
  return { ...conversation, ...countUnread(conversation.timeline, conversation.readAt, state.me, conversation.kind === 'direct') };
}

/** This account's own nicks: the account name, or `<account>|w` when IRC holds it (docs/web-realtime.md). */
export function isMe(state: ChatState, nick: string | undefined): boolean {
  const folded = (nick ?? '').toLowerCase();
  const me = state.me.toLowerCase();
  return folded === me || folded === `${me}|w`;
}

/** An INVITE to a room this tab is not in is an invitation for this account (invite-notify's equivalent). */
function invited(state: ChatState, event: RoomEvent): ChatState {
  if (!isMe(state, event.arguments?.[0])) return state;
  const others = state.invitations.filter((invitation) => keyOf(invitation.room) !== keyOf(event.room));
  return { ...state, invitations: [...others, { room: event.room, by: event.nick, time: event.time }] };
}

function without(state: ChatState, key: string): ChatState {
  const { [key]: _gone, ...rest } = state.conversations;
  return { ...state, conversations: rest, active: state.active === key ? Object.keys(rest)[0] : state.active };
}
