import { authorizedFetch, getJson, isAbsent, send, type Outcome } from './authorized';
import { readProblem } from './problems';

// The recommendations service through the gateway (docs/ml.md, "HTTP API"). `accept`, `settings`,
// `next-rooms` and the `personalised` flag are documented there before the server has them; the
// callers treat a 404 from them as "not offered by this server" and carry on without.

export type SuggestionKind = 'room' | 'person';

export interface SuggestedItem {
  id: string;
  reason: string;
  score: number;
}

export interface SuggestionList {
  modelVersion?: number;
  personalised?: boolean;
  items: SuggestedItem[];
}

export interface RecommendationSettings {
  personalised: boolean;
}

const BASE = '/api/recommendations';

export function fetchSuggestions(kind: SuggestionKind, token: string, count = 5): Promise<SuggestionList> {
  return getJson<SuggestionList>(`${BASE}/${kind === 'room' ? 'rooms' : 'people'}?count=${count}`, token);
}

/** Never suggested to this account again. */
export const dismissSuggestion = (token: string, kind: SuggestionKind, target: string): Promise<Outcome<void>> =>
  send('POST', `${BASE}/dismiss`, token, { kind, target });

/** The user followed the suggestion (the click of the recommender's figures); the caller joins or opens it itself. */
export const acceptSuggestion = (token: string, kind: SuggestionKind, target: string, modelVersion?: number): Promise<Outcome<void>> =>
  send('POST', `${BASE}/accept`, token, { kind, target, modelVersion });

/** The personalisation setting, or null where the server has no settings endpoint (404). */
export async function fetchSettings(token: string): Promise<RecommendationSettings | null> {
  const response = await authorizedFetch(`${BASE}/settings`, token);
  if (await isAbsent(response)) return null;
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new Error(problem.detail ?? problem.title);
  }
  return (await response.json()) as RecommendationSettings;
}

export async function saveSettings(token: string, settings: RecommendationSettings): Promise<Outcome<RecommendationSettings>> {
  const response = await authorizedFetch(`${BASE}/settings`, token, { method: 'PUT', body: JSON.stringify(settings) });
  if (!response.ok) return { ok: false, problem: await readProblem(response) };
  return { ok: true, value: (await response.json()) as RecommendationSettings };
}

/** The rooms the user will likely open next, most likely first; null where the server does not predict (404). */
export async function fetchNextRooms(token: string, count = 3): Promise<SuggestedItem[] | null> {
  const response = await authorizedFetch(`${BASE}/next-rooms?count=${count}`, token);
  if (await isAbsent(response)) return null;
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new Error(problem.detail ?? problem.title);
  }
  return ((await response.json()) as SuggestionList).items;
}
