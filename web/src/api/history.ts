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
  const response = await fetchWithTimeout(historyUrl(room, anchor, limit), { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new Error(problem.detail ?? problem.title);
  }
  const body = (await response.json()) as { messages: HistoryMessage[] };
  return body.messages;
}
