// A room's modes as the web app follows them: the snapshot from Join, then each MODE event of the
// room's stream (its arguments are one MODE line's parameters, "+ok-l alice key"). The server's
// ISUPPORT: CHANMODES=b,k,l,imnst and PREFIX=(ov)@+ (docs/web-realtime.md).

export interface RoomBanEntry {
  mask: string;
  setBy?: string;
  setAt?: string;
}

export interface RoomSettings {
  /** Flag letters without the sign, e.g. "nt". */
  modes: string;
  key?: string | null;
  limit?: number | null;
  bans: RoomBanEntry[];
}

interface Prefixed {
  nick: string;
  prefixes: string;
}

export const FLAGS = 'imnst';

/** What each flag means, as the room settings show it. */
export const FLAG_LABELS: Record<string, string> = {
  i: 'Invite only (+i)',
  m: 'Moderated: only operators and voiced members speak (+m)',
  n: 'No messages from outside (+n)',
  s: 'Secret: hidden from the room list (+s)',
  t: 'Only operators change the topic (+t)',
};

const sameNick = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function withLetter(prefixes: string, letter: string, add: boolean): string {
  const letters = new Set(prefixes.replace(/[@]/g, 'o').replace(/[+]/g, 'v'));
  if (add) letters.add(letter);
  else letters.delete(letter);
  return ['o', 'v'].filter((known) => letters.has(known)).join('');
}

/** Applies one MODE event's arguments to the room's settings and its members' prefixes. */
export function applyMode<M extends Prefixed>(settings: RoomSettings, members: M[], args: readonly string[]): { settings: RoomSettings; members: M[] } {
  const [modestring = '', ...params] = args;
  let adding = true;
  let modes = settings.modes;
  let { key, limit } = settings;
  let bans = settings.bans;
  let people = members;
  let next = 0;
  const take = () => params[next++];
  for (const letter of modestring) {
    if (letter === '+' || letter === '-') {
      adding = letter === '+';
      continue;
    }
    if (letter === 'o' || letter === 'v') {
      const nick = take();
      if (nick) people = people.map((member) => (sameNick(member.nick, nick) ? { ...member, prefixes: withLetter(member.prefixes, letter, adding) } : member));
    } else if (letter === 'b') {
      const mask = take();
      if (!mask) continue;
      bans = adding
        ? (bans.some((ban) => ban.mask.toLowerCase() === mask.toLowerCase()) ? bans : [...bans, { mask }])
        : bans.filter((ban) => ban.mask.toLowerCase() !== mask.toLowerCase());
    } else if (letter === 'k') {
      const value = take();
      key = adding ? value ?? key : null;
    } else if (letter === 'l') {
      limit = adding ? Number(take()) || limit : null;
    } else if (FLAGS.includes(letter)) {
      modes = [...FLAGS].filter((flag) => (flag === letter ? adding : modes.includes(flag))).join('');
    }
  }
  return { settings: { modes, key, limit, bans }, members: people };
}

/** "+nt", "+ntk", "+ntl 20": the room's modes as IRC shows them (the key itself is not shown). */
export function describeModes(settings: RoomSettings): string {
  const letters = settings.modes + (settings.key ? 'k' : '') + (settings.limit ? 'l' : '');
  if (!letters) return 'No modes';
  return `+${letters}${settings.limit ? ` ${settings.limit}` : ''}`;
}

export const isOperator = (prefixes: string | undefined) => !!prefixes && /[o@]/.test(prefixes);
export const hasVoice = (prefixes: string | undefined) => !!prefixes && /[v+]/.test(prefixes);
