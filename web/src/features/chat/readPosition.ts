import { mentions } from './links';
import { isChatLine, type TimelineItem } from './messageModel';

// Read positions (docs/web-realtime.md: MarkRead, ReadMarker, `read`): one time per room or
// conversation, kept by the server for the account and shared with IRC's MARKREAD, so a message
// read on one device is read on every other. Unread and mention counts are what lies after it.

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** True when `candidate` is a later read position than `current` (positions never move back). */
export function isLater(candidate: string | null | undefined, current: string | null | undefined): boolean {
  if (!candidate) return false;
  if (!current) return true;
  return at(candidate) > at(current);
}

/**
 * Messages from others after the read position: unread, and of those the ones that name `me` (in a
 * direct conversation every one is meant for me). With no position at all a room counts nothing
 * (its whole past is not news), a direct conversation counts everything.
 */
export function countUnread(timeline: readonly TimelineItem[], readAt: string | null | undefined, me: string, direct: boolean): { unread: number; mentions: number } {
  if (!readAt && !direct) return { unread: 0, mentions: 0 };
  const since = readAt ? at(readAt) : Number.NEGATIVE_INFINITY;
  let unread = 0;
  let named = 0;
  for (const item of timeline) {
    if (item.state !== 'stored' || !isChatLine(item) || item.nick.toLowerCase() === me.toLowerCase() || !(at(item.time) > since)) continue;
    unread++;
    if (direct || mentions(item.text, me)) named++;
  }
  return { unread, mentions: named };
}

/** The first message after the read position: where the "New messages" line goes. */
export function firstUnread(timeline: readonly TimelineItem[], readAt: string | null | undefined, me: string): string | undefined {
  if (!readAt) return undefined;
  const since = at(readAt);
  return timeline.find((item) => item.state === 'stored' && isChatLine(item) && item.nick.toLowerCase() !== me.toLowerCase() && at(item.time) > since)?.msgid;
}
