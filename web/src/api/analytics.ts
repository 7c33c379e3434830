import { authorizedFetch, getJson, ProblemError } from './authorized';
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

export interface ActivityReport {
  from: string;
  to: string;
  days: DayActivity[];
  topRooms: RoomTotal[];
  hours: HourTotal[];
}

/** Whole UTC days, both ends included, as the API takes them: YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export function activityUrl(range: DayRange, csv = false): string {
  return `/api/analytics/activity${csv ? '.csv' : ''}?${new URLSearchParams({ from: range.from, to: range.to })}`;
}

export function fetchActivity(range: DayRange, token: string): Promise<ActivityReport> {
  return getJson<ActivityReport>(activityUrl(range), token);
}

/** The CSV export: a download needs the bearer token, so it is fetched and handed over as a file. */
export async function fetchActivityCsv(range: DayRange, token: string): Promise<{ file: Blob; name: string }> {
  const response = await authorizedFetch(activityUrl(range, true), token);
  if (!response.ok) throw new ProblemError(await readProblem(response));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { file: await response.blob(), name: named?.[1] ?? `chatcloud-activity-${range.from}-${range.to}.csv` };
}
