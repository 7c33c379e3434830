import { fetchNextRooms } from '../../api/recommendations';
import { prefetchLatest } from '../../api/historyCache';

export const PRELOAD_ROOMS = 3;

/**
 * Which rooms to preload after sign-in: the rooms the recommendations service predicts the user
 * opens next (`GET /api/recommendations/next-rooms`, most likely first); where the server has no
 * such endpoint (404) or predicts nothing, the rooms the account is in, as the hub lists them
 * (the app knows no unread counts before it has joined, so "unread first" is the server's job).
 */
export async function roomsToPreload(token: string, accountRooms: () => Promise<string[]>, count = PRELOAD_ROOMS): Promise<{ rooms: string[]; predicted: boolean }> {
  let predicted: string[] | null = null;
  try {
    predicted = (await fetchNextRooms(token, count))?.map((item) => item.id).filter((id) => id.startsWith('#')) ?? null;
  } catch {
    predicted = null;
  }
  if (predicted && predicted.length > 0) return { rooms: predicted.slice(0, count), predicted: true };
  return { rooms: (await accountRooms()).slice(0, count), predicted: false };
}

/** Starts the latest-page fetch of each room at once (in parallel with the hub's joins). */
export async function preloadRooms(token: string, accountRooms: () => Promise<string[]>, count = PRELOAD_ROOMS): Promise<string[]> {
  const { rooms } = await roomsToPreload(token, accountRooms, count);
  for (const room of rooms) void prefetchLatest(room, token).catch(() => undefined);
  return rooms;
}
