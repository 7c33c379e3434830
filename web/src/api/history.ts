import { fetchWithTimeout, readProblem } from './problems';

// The history service through the gateway: GET /api/history/rooms/{room}/messages with one of
// latest=* | before=msgid=… | after=msgid=… (IRCv3 chathistory's references), oldest first, at most 100.

export interface HistoryMessage {
  msgid: string;
  sequence: number;
  time: string;
  nick: string;
  kind: string;
  text: string;
  clientTags?: Record<string, string> | null;
  arguments?: string[] | null;
  accountName?: string | null;
}

export const HISTORY_PAGE = 50;

export type HistoryAnchor = { latest: true } | { before: string } | { after: string };

export function historyUrl(room: string, anchor: HistoryAnchor, limit = HISTORY_PAGE): string {
  const query = new URLSearchParams({ limit: String(limit), events: 'true' });
  if ('latest' in anchor) query.set('latest', '*');
  else if ('before' in anchor) query.set('before', `msgid=${anchor.before}`);
  else query.set('after', `msgid=${anchor.after}`);
  return `/api/history/rooms/${encodeURIComponent(room)}/messages?${query}`;
}

export async function fetchRoomHistory(room: string, anchor: HistoryAnchor, accessToken: string, limit = HISTORY_PAGE): Promise<HistoryMessage[]> {
  return readMessages(historyUrl(room, anchor, limit), accessToken);
}

// Direct conversations, read as the token's own account (the gateway strips /api/history):
// GET /api/history/conversations/{nick}/messages with the same anchors, and
// GET /api/history/conversations/targets?from=timestamp=…&to=timestamp=… (the conversations active between).

export function conversationUrl(nick: string, anchor: HistoryAnchor, limit = HISTORY_PAGE): string {
  return historyUrl(nick, anchor, limit).replace(/^\/api\/history\/rooms\//, '/api/history/conversations/').replace('&events=true', '');
}

export async function fetchConversationHistory(nick: string, anchor: HistoryAnchor, accessToken: string, limit = HISTORY_PAGE): Promise<HistoryMessage[]> {
  return readMessages(conversationUrl(nick, anchor, limit), accessToken);
}

export interface ConversationActivity {
  /** The other party (folded), which the messages route takes back. */
  room: string;
  latest: string;
}

/** The account's conversations with messages in the last `days`, newest first. */
export async function fetchRecentConversations(accessToken: string, now = new Date(), days = 90, limit = 30): Promise<ConversationActivity[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  // From the later end, so the limit keeps the newest (IRCv3 chathistory TARGETS).
  const query = new URLSearchParams({ from: `timestamp=${new Date(now.getTime() + 1000).toISOString()}`, to: `timestamp=${since.toISOString()}`, limit: String(limit) });
  const response = await fetchWithTimeout(`/api/history/conversations/targets?${query}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw await problemError(response);
  const body = (await response.json()) as { targets: ConversationActivity[] };
  return [...body.targets].sort((a, b) => Date.parse(b.latest) - Date.parse(a.latest));
}

async function problemError(response: Response): Promise<Error> {
  const problem = await readProblem(response);
  return new Error(problem.detail ?? problem.title);
}

async function readMessages(url: string, accessToken: string): Promise<HistoryMessage[]> {
  const response = await fetchWithTimeout(url, { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw await problemError(response);
  const body = (await response.json()) as { messages: HistoryMessage[] };
  return body.messages;
}
