import { fetchRoomHistory, type HistoryMessage } from './history';

// Latest pages fetched ahead of time (the preload after sign-in, docs/ml.md "next-rooms"), kept
// briefly and taken once: the chat uses a page it finds here instead of asking history, then asks
// for anything after it as usual, so a preloaded page can never leave a gap.

const KEEP_MS = 120_000;
const pages = new Map<string, { fetchedAt: number; page: Promise<HistoryMessage[]> }>();

const keyOf = (room: string) => room.toLowerCase();

export function prefetchLatest(room: string, token: string, now = Date.now()): Promise<HistoryMessage[]> {
  const page = fetchRoomHistory(room, { latest: true }, token);
  pages.set(keyOf(room), { fetchedAt: now, page });
  // A failed prefetch is simply not there: the chat then fetches as it always did.
  page.catch(() => pages.delete(keyOf(room)));
  return page;
}

/** The preloaded latest page of the room, once; undefined when there is none or it is too old. */
export async function takePrefetched(room: string, now = Date.now()): Promise<HistoryMessage[] | undefined> {
  const entry = pages.get(keyOf(room));
  pages.delete(keyOf(room));
  if (!entry || now - entry.fetchedAt > KEEP_MS) return undefined;
  try {
    return await entry.page;
  } catch {
    return undefined;
  }
}

export function prefetchedRooms(): string[] {
  return [...pages.keys()];
}
