import { describe, expect, it } from 'vitest';
import { daysIn, lastDays, rangeErrors } from './dateRange';

describe('the activity date range', () => {
  it('counts both ends, in UTC', () => {
    expect(lastDays(7, new Date('2026-11-26T23:30:00Z'))).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(daysIn({ from: '2026-11-20', to: '2026-11-26' })).toBe(7);
    expect(daysIn({ from: '2026-11-26', to: '2026-11-26' })).toBe(1);
  });

  it('accepts a range the API answers', () => {
    expect(rangeErrors({ from: '2025-11-27', to: '2026-11-27' })).toEqual({});
  });

  it('explains what the API would refuse', () => {
    expect(rangeErrors({ from: '2026-11-27', to: '2026-11-26' })).toEqual({ from: 'The start is after the end.' });
    expect(rangeErrors({ from: '2025-01-01', to: '2026-11-26' }).from).toMatch(/at most 366 days/);
    expect(rangeErrors({ from: '', to: '2026-02-30' })).toEqual({ from: 'Enter a start date.', to: 'Enter an end date.' });
  });
});
