// The room timeline as the app keeps it: stored messages and events in room order (sequence),
// plus this tab's own messages still pending or failed (docs/web-realtime.md, "No gap, no duplicate").

export type DeliveryState = 'stored' | 'pending' | 'failed';

export interface TimelineItem {
  /** The server's msgid; for an unsent message of ours, `local:<localId>`. */
  msgid: string;
  /** The room's sequence; 0 until stored. */
  sequence: number;
  time: string;
  nick: string;
  account?: string | null;
  /** PRIVMSG, NOTICE, or a room event's verb (JOIN, PART, TOPIC…). */
  kind: string;
  text: string;
  arguments?: string[] | null;
  clientTags?: Record<string, string> | null;
  localId?: string | null;
  state: DeliveryState;
  /** Why a send failed, to show beside the retry button. */
  error?: string;
}

export const isChatLine = (item: TimelineItem) => item.kind === 'PRIVMSG' || item.kind === 'NOTICE';

/**
 * Merges items into a timeline: an item whose msgid or sequence is already there is dropped (a live
 * event that history also returned, or a replay after a reconnect), a stored message carrying a
 * localId replaces that pending one, and stored items stay in sequence order with unsent ones last.
 */
export function mergeTimeline(current: readonly TimelineItem[], incoming: readonly TimelineItem[]): TimelineItem[] {
  const stored = new Map<string, TimelineItem>();
  const sequences = new Set<number>();
  const local: TimelineItem[] = [];
  const resolvedLocalIds = new Set<string>();
  for (const item of [...current, ...incoming]) {
    if (item.state !== 'stored') {
      local.push(item);
      continue;
    }
    if (stored.has(item.msgid) || (item.sequence > 0 && sequences.has(item.sequence))) {
      continue;
    }
    stored.set(item.msgid, item);
    if (item.sequence > 0) sequences.add(item.sequence);
    if (item.localId) resolvedLocalIds.add(item.localId);
  }
  const ordered = [...stored.values()].sort((a, b) => a.sequence - b.sequence);
  const unsent = new Map<string, TimelineItem>();
  for (const item of local) {
    if (item.localId && !resolvedLocalIds.has(item.localId)) unsent.set(item.localId, item);
  }
  return [...ordered, ...unsent.values()];
}

/** The newest stored item: what a reconnect asks history to continue after. */
export function lastStored(timeline: readonly TimelineItem[]): TimelineItem | undefined {
  for (let index = timeline.length - 1; index >= 0; index--) {
    const item = timeline[index]!;
    if (item.state === 'stored') return item;
  }
  return undefined;
}

/** The oldest stored item: what scrolling back asks history to continue before. */
export function firstStored(timeline: readonly TimelineItem[]): TimelineItem | undefined {
  return timeline.find((item) => item.state === 'stored');
}

/** Sets the state of this tab's message `localId` (pending → failed, failed → pending on retry). */
export function markLocal(timeline: readonly TimelineItem[], localId: string, state: DeliveryState, error?: string): TimelineItem[] {
  return timeline.map((item) => (item.localId === localId && item.state !== 'stored' ? { ...item, state, error } : item));
}
