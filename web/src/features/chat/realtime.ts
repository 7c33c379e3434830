import { HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

// The hub at /api/messages/realtime (docs/web-realtime.md): WebSockets only, the access token as
// access_token on the request. SignalR reconnects by itself; the chat state re-joins and fetches
// the gap from history on `reconnected`.

export interface RoomEvent {
  room: string;
  msgid: string;
  sequence: number;
  time: string;
  kind: string;
  nick: string;
  account?: string | null;
  text: string;
  clientTags?: Record<string, string> | null;
  arguments?: string[] | null;
  localId?: string | null;
  /** A direct message: `room` is then the other party's nick, `sequence` the conversation's. */
  direct?: boolean;
}

export interface RoomMemberInfo {
  nick: string;
  account?: string | null;
  prefixes: string;
}

export interface RoomSnapshot {
  name: string;
  sequence: number;
  modes: string;
  key?: string | null;
  limit?: number | null;
  topic?: { text: string; setBy: string; setAt: string } | null;
  members: RoomMemberInfo[];
  bans?: { mask: string; setBy: string; setAt: string }[] | null;
}

export interface RoomListing {
  name: string;
  members: number;
  topic: string;
  secret: boolean;
}

export interface Answer {
  ok: boolean;
  code?: string | null;
  error?: string | null;
}

export interface JoinAnswer extends Answer {
  room?: RoomSnapshot | null;
}

export interface ModeAnswer extends Answer {
  /** What was applied, as one MODE line's parameters: ["+o", "bob"]. */
  applied: string[];
  /** Each change refused on its own, with its numeric and sentence. */
  refused: Answer[];
}

export interface ReadAnswer extends Answer {
  readAt?: string | null;
}

/** `presence`: typing (state active/paused/done; target the room or the other party), away (state: the message) or back. */
export interface PresenceEvent {
  target: string;
  nick: string;
  kind: 'typing' | 'away' | 'back' | string;
  state?: string | null;
}

/** `read`: the account's read position moved on another tab or IRC client. */
export interface ReadEvent {
  target: string;
  readAt?: string | null;
}

export interface RealtimeHandlers {
  message: (event: RoomEvent) => void;
  event: (event: RoomEvent) => void;
  presence: (event: PresenceEvent) => void;
  read: (event: ReadEvent) => void;
  resync: () => void;
  connection: (state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected') => void;
  reconnected: () => void;
}

/** A method the server does not have yet answers a HubException; the feature then says it is unavailable. */
export function isMissingMethod(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Unknown hub method|does not exist|not found/i.test(text);
}

export class RealtimeClient {
  private readonly hub: HubConnection;

  constructor(tokenFactory: () => Promise<string>, handlers: RealtimeHandlers) {
    this.hub = new HubConnectionBuilder()
      .withUrl('/api/messages/realtime', {
        accessTokenFactory: tokenFactory,
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
      })
      // 0, 2, 5, 10 s, then every 20 s for as long as the tab is open.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => [0, 2000, 5000, 10000][context.previousRetryCount] ?? 20000 })
      .configureLogging(LogLevel.None)
      .build();
    this.hub.on('message', handlers.message);
    this.hub.on('event', handlers.event);
    this.hub.on('presence', handlers.presence);
    this.hub.on('read', handlers.read);
    this.hub.on('resync', handlers.resync);
    this.hub.onreconnecting(() => handlers.connection('reconnecting'));
    this.hub.onreconnected(() => {
      handlers.connection('connected');
      handlers.reconnected();
    });
    this.hub.onclose(() => handlers.connection('disconnected'));
  }

  get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  start(): Promise<void> {
    return this.hub.start();
  }

  stop(): Promise<void> {
    return this.hub.stop();
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.hub.invoke<T>(method, ...args);
  }

  rooms = () => this.invoke<string[]>('Rooms');
  list = (search: string, limit = 200) => this.invoke<RoomListing[]>('List', search, limit);
  join = (room: string, key?: string) => this.invoke<JoinAnswer>('Join', room, key ?? null);
  part = (room: string, reason?: string) => this.invoke<Answer>('Part', room, reason ?? null);
  topic = (room: string, text: string) => this.invoke<Answer>('Topic', room, text);
  send = (target: string, text: string, localId: string) => this.invoke<Answer>('Send', target, text, localId);
  kick = (room: string, nick: string, reason?: string) => this.invoke<Answer>('Kick', room, nick, reason ?? null);
  invite = (room: string, nick: string) => this.invoke<Answer>('Invite', room, nick);
  mode = (room: string, modestring: string, args: string[]) => this.invoke<ModeAnswer>('Mode', room, modestring, args);
  readMarker = (target: string) => this.invoke<ReadAnswer>('ReadMarker', target);
  markRead = (target: string, position: string) => this.invoke<ReadAnswer>('MarkRead', target, position);

  /** Best effort: a typing notice that does not go through is not an error worth showing. */
  async typing(target: string, state: 'active' | 'paused' | 'done'): Promise<void> {
    try {
      await this.invoke('Typing', target, state);
    } catch {
      // Not available on this server (yet).
    }
  }
}
