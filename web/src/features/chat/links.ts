// Links in message text become anchors built by React (never HTML from the text), and only
// http(s) links do: javascript:, data: and the like stay plain text.

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// Punctuation that usually ends a sentence rather than the URL.
const TRAILING = /[.,;:!?)\]}'"]+$/;

export function parseLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let url = match[0];
    const trailing = url.match(TRAILING)?.[0] ?? '';
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia links).
    let cut = trailing.length;
    if (trailing.startsWith(')') && url.split('(').length > url.split(')').length - 1) cut = trailing.length - 1;
    url = url.slice(0, url.length - cut);
    const start = match.index ?? 0;
    const href = safeHref(url.toLowerCase().startsWith('www.') ? `https://${url}` : url);
    if (!href) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** The URL if it parses and is http(s), else null. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Whether the text names `nick` as a word (a mention, for the badge). */
export function mentions(text: string, nick: string): boolean {
  if (!nick) return false;
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w\\[\\]\\\\\`^{}|-])${escaped}($|[^\\w\\[\\]\\\\\`^{}|-])`, 'i').test(text);
}
