import type { DayRange } from '../../api/analytics';

// The date-range filter of the activity page, checked as the analytics API checks it
// (docs/analytics.md: whole UTC days, both ends included, at most 366), so a bad range is
// explained beside the fields instead of being sent.

export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The last `days` days up to and including `today` (UTC). */
export function lastDays(days: number, today = new Date()): DayRange {
  return { from: utcDay(new Date(today.getTime() - (days - 1) * DAY_MS)), to: utcDay(today) };
}

function parse(day: string): number | null {
  if (!ISO_DAY.test(day)) return null;
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) || utcDay(new Date(time)) !== day ? null : time;
}

export function daysIn(range: DayRange): number {
  return Math.round(((parse(range.to) ?? 0) - (parse(range.from) ?? 0)) / DAY_MS) + 1;
}

/** Why the range cannot be asked for, by field; empty when it can. */
export function rangeErrors(range: DayRange): Partial<Record<keyof DayRange, string>> {
  const from = parse(range.from);
  const to = parse(range.to);
  const errors: Partial<Record<keyof DayRange, string>> = {};
  if (from === null) errors.from = 'Enter a start date.';
  if (to === null) errors.to = 'Enter an end date.';
  if (from !== null && to !== null) {
    if (from > to) errors.from = 'The start is after the end.';
    else if (daysIn(range) > MAX_DAYS) errors.from = `A report covers at most ${MAX_DAYS} days.`;
  }
  return errors;
}
