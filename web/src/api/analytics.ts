import { authorizedFetch, getJson, isAbsent, ProblemError } from './authorized';
import { readProblem } from './problems';

// The analytics service's admin-only reports (docs/analytics.md) through the gateway's /api/analytics.

export interface DayActivity {
  day: string;
  activeAccounts: number;
  messages: number;
  joins: number;
  newAccounts: number;
  directMessages: number;
  tcpSignIns: number;
  webSignIns: number;
}

export interface RoomTotal {
  room: string;
  messages: number;
  joins: number;
}

export interface HourTotal {
  hour: string;
  messages: number;
}

/** Searches (by scope: `rooms`…) and rooms and direct conversations read in one hour; only hours with any. */
export interface UsageHour {
  hour: string;
  searches: number;
  searchesByScope: Record<string, number>;
  roomReads: number;
  directReads: number;
}

export interface ActivityReport {
  from: string;
  to: string;
  days: DayActivity[];
  topRooms: RoomTotal[];
  hours: HourTotal[];
  /** Absent from servers older than the search and read figures. */
  usageHours?: UsageHour[];
}

/** Whole UTC days, both ends included, as the API takes them: YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export type ReportName = 'activity' | 'usage' | 'recommendations' | 'connections';

export function activityUrl(range: DayRange, csv = false, report: ReportName = 'activity'): string {
  return `/api/analytics/${report}${csv ? '.csv' : ''}?${new URLSearchParams({ from: range.from, to: range.to })}`;
}

export function fetchActivity(range: DayRange, token: string): Promise<ActivityReport> {
  return getJson<ActivityReport>(activityUrl(range), token);
}

/** The CSV export: a download needs the bearer token, so it is fetched and handed over as a file. */
export async function fetchActivityCsv(range: DayRange, token: string, report: ReportName = 'activity'): Promise<{ file: Blob; name: string }> {
  const response = await authorizedFetch(activityUrl(range, true, report), token);
  if (!response.ok) throw new ProblemError(await readProblem(response));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { file: await response.blob(), name: named?.[1] ?? `chatcloud-${report}-${range.from}-${range.to}.csv` };
}

// Planned in docs/analytics.md ("Recommender and connection figures"): the shapes are fixed there;
// a server without them answers 404, and the page then leaves their sections out.

export interface RecommenderFigures {
  impressions: number;
  clicks: number;
  clickThroughRate: number;
  dismissals: number;
  joinsAfterRecommendation: number;
  joinAfterRecommendationRate: number;
  prefetchHits: number;
  prefetchMisses: number;
  prefetchHitRate: number;
  /** Mean serve times of hits and misses (their difference is what a hit saves); newer servers only. */
  prefetchHitMilliseconds?: number;
  prefetchMissMilliseconds?: number;
}

export interface RecommenderModel {
  version: number;
  activatedAt: string;
  trainedAt: string;
  protocol: string;
  k: number;
  hitRate: number;
  ndcg: number;
  popularityHitRate: number;
  randomHitRate: number;
  liftOverPopularity: number;
}

export interface RecommenderReport {
  from: string;
  to: string;
  days: (RecommenderFigures & { day: string })[];
  totals: RecommenderFigures;
  model: RecommenderModel | null;
}

export interface ConnectionsReport {
  from: string;
  to: string;
  hours: { hour: string; tcp: number; web: number }[];
  weeks: { weekStart: string; activeAccounts: number }[];
  retention: { cohortWeek: string; accounts: number; retained: number[] }[];
}

async function optionalJson<T>(path: string, token: string): Promise<T | null> {
  const response = await authorizedFetch(path, token);
  if (await isAbsent(response)) return null;
  if (!response.ok) throw new ProblemError(await readProblem(response));
  return (await response.json()) as T;
}

const rangeQuery = (range: DayRange) => new URLSearchParams({ from: range.from, to: range.to }).toString();

/** The recommender's figures, or null where the server has no such report yet. */
export const fetchRecommenderReport = (range: DayRange, token: string) =>
  optionalJson<RecommenderReport>(`/api/analytics/recommendations?${rangeQuery(range)}`, token);

/** Connections by kind, weekly actives and retention, or null where the server has no such report yet. */
export const fetchConnectionsReport = (range: DayRange, token: string) =>
  optionalJson<ConnectionsReport>(`/api/analytics/connections?${rangeQuery(range)}`, token);
