import { fetchWithTimeout, readProblem } from './problems';
import type { HistoryMessage } from './history';

// Full-text search through the gateway: GET /api/history/search?q=…[&room=#…][&limit=N][&before=cursor],
// newest first, in the rooms the account is in (or the one named, if it may read it).

export interface SearchHit {
  room: string;
  message: HistoryMessage;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass back as `before` for older hits; null when there are no more. */
  next: string | null;
}

export interface SearchRequest {
  q: string;
  room?: string;
  before?: string | null;
  limit?: number;
}

export function searchUrl({ q, room, before, limit = 20 }: SearchRequest): string {
  const query = new URLSearchParams({ q, limit: String(limit) });
  if (room) query.set('room', room);
  if (before) query.set('before', before);
  return `/api/history/search?${query}`;
}

export async function searchMessages(request: SearchRequest, accessToken: string): Promise<SearchPage> {
  const response = await fetchWithTimeout(searchUrl(request), { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new Error(problem.detail ?? problem.title);
  }
  return (await response.json()) as SearchPage;
}
