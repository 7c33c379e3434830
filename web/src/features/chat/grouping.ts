import { isChatLine, type TimelineItem } from './messageModel';

// Messages are shown in day sections, consecutive lines of one author in one block, as chat apps do:
// a new block starts with another author, an event, a /me action, or after a pause.
export const GROUP_PAUSE_MS = 5 * 60 * 1000;

export interface MessageGroup {
  key: string;
  nick: string;
  /** Events (JOIN, PART…) and /me actions stand alone. */
  kind: 'messages' | 'event' | 'action';
  items: TimelineItem[];
}

export interface DaySection {
  /** The local date, YYYY-MM-DD. */
  day: string;
  groups: MessageGroup[];
}

export const ACTION_PREFIX = '\u0001ACTION ';

/** A CTCP ACTION (`/me waves`) as IRC carries it: `\x01ACTION waves\x01`. */
export function actionText(text: string): string | null {
  if (!text.startsWith(ACTION_PREFIX)) return null;
  return text.endsWith('\u0001') ? text.slice(ACTION_PREFIX.length, -1) : text.slice(ACTION_PREFIX.length);
}

export function localDay(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function groupTimeline(timeline: readonly TimelineItem[]): DaySection[] {
  const days: DaySection[] = [];
  let previous: TimelineItem | undefined;
  for (const item of timeline) {
    const day = localDay(item.time);
    let section = days.at(-1);
    if (!section || section.day !== day) {
      section = { day, groups: [] };
      days.push(section);
      previous = undefined;
    }
    const kind: MessageGroup['kind'] = !isChatLine(item) ? 'event' : actionText(item.text) !== null ? 'action' : 'messages';
    const last = section.groups.at(-1);
    const continues = last !== undefined && previous !== undefined && kind === 'messages' && last.kind === 'messages'
      && last.nick.toLowerCase() === item.nick.toLowerCase()
      && Date.parse(item.time) - Date.parse(previous.time) < GROUP_PAUSE_MS;
    if (continues) {
      last.items.push(item);
    } else {
      section.groups.push({ key: item.msgid, nick: item.nick, kind, items: [item] });
    }
    previous = item;
  }
  return days;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", then the date: short, and exact in the title. */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(iso).toLocaleDateString();
}

export function exactTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}
