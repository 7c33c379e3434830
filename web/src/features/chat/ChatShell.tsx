import { useCallback, useEffect, useState } from 'react';
import { useAuth, type Session } from '../auth/AuthContext';
import { availableExtensions } from '../extensions/extensions';
import { useChat } from './ChatContext';
import { ConversationList } from './ConversationList';
import { MessageList } from './MessageList';
import { Composer } from './Composer';
import { MemberList } from './MemberList';
import { RoomHeader } from './RoomHeader';
import { RoomBrowser } from './RoomBrowser';
import { MemberDialog } from './MemberDialog';
import { RoomSettingsDialog } from './RoomSettingsDialog';
import { Invitations } from './Invitations';
import { SearchDialog } from './SearchDialog';
import { isMe, keyOf, type Member } from './chatState';
import { searchMessages } from '../../api/search';
import { accessToken } from '../auth/oidc';
import { isOperator } from './roomModes';
import type { ModeAnswer } from './realtime';
import { navigate } from '../../router';
import { fetchSettings, type RecommendationSettings } from '../../api/recommendations';
import { RecommendationsPanel } from '../recommendations/RecommendationsPanel';
import { SettingsDialog } from '../recommendations/SettingsDialog';
import { useMediaQuery } from './useMediaQuery';

const CONNECTION_TEXT = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', disconnected: 'Disconnected' };

/**
 * Three columns on a desktop (conversations | messages | members); on a phone the side columns
 * are drawers opened from the top bar. Landmarks: banner, navigation, main, complementary.
 */
export function ChatShell({ session }: { session: Session }) {
  const { signOut, signOutEverywhere } = useAuth();
  const chat = useChat();
  const { state } = chat;
  const [drawer, setDrawer] = useState<'none' | 'nav' | 'members'>('none');
  const [browsing, setBrowsing] = useState(false);
  const [accountError, setAccountError] = useState<string | null>(null);
  const [memberNick, setMemberNick] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [searching, setSearching] = useState(false);
  const active = state.active ? state.conversations[state.active] : undefined;
  // Read from the room each render, so the dialog follows MODE changes (and closes if they leave).
  const member = (memberNick && active?.members.find((entry) => entry.nick.toLowerCase() === memberNick.toLowerCase())) || null;
  const canModerate = active?.kind === 'room' && isOperator(active.members.find((entry) => isMe(state, entry.nick))?.prefixes);
  const phone = useMediaQuery('(max-width: 40rem)');
  const [recommendationSettings, setRecommendationSettings] = useState<RecommendationSettings | null>(null);
  const [recommendationSettingsOpen, setRecommendationSettingsOpen] = useState(false);
  const [recommendationsVersion, setRecommendationsVersion] = useState(0);

  // The settings endpoint is newer than some servers: where it answers 404 there is no Settings button.
  useEffect(() => {
    let live = true;
    accessToken().then(fetchSettings).then((found) => live && setRecommendationSettings(found), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  const joinSuggested = useCallback(async (room: string) => {
    const answer = await chat.join(room);
    if (answer.ok) setDrawer('none');
    return answer.ok ? null : answer.error ?? 'Cannot join.';
  }, [chat]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setDrawer('none');
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const select = (key: string) => {
    chat.select(key);
    setDrawer('none');
  };

  const loadOlder = useCallback(() => (state.active ? chat.loadOlder(state.active) : Promise.resolve()), [chat, state.active]);

  const mode = async (modestring: string, args: string[]) => modeRefusal(await chat.mode(state.active!, modestring, args));

  const command = async (name: string, argument: string): Promise<string | null> => {
    try {
      const [first = '', ...rest] = argument.split(/\s+/).filter(Boolean);
      if (name === 'join') {
        const answer = await chat.join(first);
        return answer.ok ? null : answer.error ?? 'Cannot join.';
      }
      if (name === 'msg' || name === 'query') {
        if (!first) return `/${name} needs a nick.`;
        chat.openDirect(first);
        if (rest.length > 0) await chat.send(first.toLowerCase(), rest.join(' '));
        return null;
      }
      if (!state.active) return 'Open a room first.';
      if (name === 'topic') {
        const answer = await chat.setTopic(state.active, argument);
        return answer.ok ? null : answer.error ?? 'Cannot set the topic.';
      }
      if (name === 'invite' || name === 'kick' || name === 'mode') {
        if (active?.kind !== 'room') return `/${name} works in a room.`;
        if (!first) return `/${name} needs ${name === 'mode' ? 'a change such as +m' : 'a nick'}.`;
        if (name === 'mode') return await mode(first, rest);
        const answer = name === 'invite' ? await chat.invite(state.active, first) : await chat.kick(state.active, first, rest.join(' '));
        return answer.ok ? (name === 'invite' ? `Invited ${first}.` : null) : answer.error ?? `Cannot ${name}.`;
      }
      const answer = await chat.leave(state.active);
      return answer.ok ? null : answer.error ?? 'Cannot leave.';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  const signOutHere = async () => {
    await chat.disconnect();
    await signOut();
  };

  const everywhere = async () => {
    try {
      await chat.disconnect();
      await signOutEverywhere();
    } catch (error) {
      setAccountError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className={`shell drawer-${drawer}`}>
      <a className="skip-link" href="#composer-input">Skip to message box</a>
      <header className="topbar">
        <button type="button" className="icon-button phone-only" aria-label="Rooms and conversations" aria-expanded={drawer === 'nav'}
          aria-controls="conversations" onClick={() => setDrawer(drawer === 'nav' ? 'none' : 'nav')}>☰</button>
        <span className="topbar-brand"><img src="/favicon.svg" alt="" width="24" height="24" /><span className="brand-name">ChatCloud</span></span>
        <span className={`connection ${state.connection}`} role="status">{CONNECTION_TEXT[state.connection]}</span>
        <span className="spacer" />
        <span className="me" aria-label={`Signed in as ${session.name}`}>{session.name}</span>
        <button type="button" className="button" onClick={() => void signOutHere()}>Sign out</button>
        <button type="button" className="button subtle" onClick={() => void everywhere()}>Sign out everywhere</button>
        <button type="button" className="icon-button" aria-label="Search messages" onClick={() => setSearching(true)}><SearchIcon /></button>
        <button type="button" className="icon-button phone-only" aria-label="Members" aria-expanded={drawer === 'members'}
          aria-controls="members" onClick={() => setDrawer(drawer === 'members' ? 'none' : 'members')}><PeopleIcon /></button>
      </header>
      {accountError && <p className="banner-error" role="alert">{accountError}</p>}
      {state.notice && (
        <p className="banner-error" role="alert">
          {state.notice}{' '}
          <button type="button" className="link-button" onClick={() => chat.dismissNotice()}>Dismiss</button>
        </p>
      )}
      <nav id="conversations" className="sidebar" aria-label="Conversations">
        <button type="button" className="button primary wide" onClick={() => setBrowsing(true)}>Browse or create rooms</button>
        <ConversationList state={state} onSelect={select} />
        <RecommendationsPanel token={accessToken} visible={!phone || drawer === 'nav'} joined={new Set(Object.keys(state.conversations))}
          onJoinRoom={joinSuggested} onTalkTo={(nick) => { chat.openDirect(nick); setDrawer('none'); }} refreshKey={recommendationsVersion} />
        {recommendationSettings && <button type="button" className="button subtle wide" onClick={() => setRecommendationSettingsOpen(true)}>Suggestion settings</button>}
        {availableExtensions(session).length > 0 && (
          <ul className="extension-links" aria-label="More">
            {availableExtensions(session).map((extension) => (
              <li key={extension.path}><a href={extension.path} onClick={(event) => { event.preventDefault(); navigate(extension.path); }}>{extension.label}</a></li>
            ))}
          </ul>
        )}
        {/* On phones the top bar has no room for these; the drawer has. */}
        <div className="drawer-account">
          <p className="muted">Signed in as <strong>{session.name}</strong></p>
          <button type="button" className="button wide" onClick={() => void everywhere()}>Sign out everywhere</button>
        </div>
      </nav>
      <main id="main" className="conversation-pane">
        <Invitations invitations={state.invitations} onDismiss={chat.dismissInvitation}
          onAccept={async (room) => {
            const answer = await chat.acceptInvitation(room);
            if (answer.ok) setDrawer('none');
            return answer.ok ? null : answer.error ?? 'Cannot join.';
          }} />
        {active ? (
          <>
            <RoomHeader key={active.name} conversation={active}
              onTopic={async (text) => {
                try {
                  const answer = await chat.setTopic(state.active!, text);
                  return answer.ok ? null : answer.error ?? 'Cannot set the topic.';
                } catch (error) {
                  return error instanceof Error ? error.message : String(error);
                }
              }}
              onLeave={() => void chat.leave(state.active!)} onSettings={() => setSettingsOpen(true)} />
            <MessageList conversation={active} onLoadOlder={loadOlder} onRetry={(localId) => void chat.retry(state.active!, localId)} />
            <TypingLine names={Object.entries(state.typing[state.active!] ?? {}).filter(([, until]) => until > Date.now()).map(([nick]) => nick)} />
            <Composer name={active.name} onSend={(text) => chat.send(state.active!, text)} onCommand={command}
              onTyping={(typing) => chat.typing(state.active!, typing)} />
          </>
        ) : (
          <div className="empty-state">
            <h1>Welcome, {session.name}</h1>
            <p>Join a room to start chatting with people on the web and on IRC.</p>
            <button type="button" className="button primary" onClick={() => setBrowsing(true)}>Browse or create rooms</button>
          </div>
        )}
      </main>
      <aside id="members" className="members-pane" aria-label="Members">
        <MemberList conversation={active} away={state.away} onSelect={(selected: Member) => setMemberNick(selected.nick)} />
      </aside>
      {active?.kind === 'room' && (
        <>
          <MemberDialog member={member} room={active.name} me={session.name} away={!!member && state.away[member.nick.toLowerCase()] === true}
            canModerate={canModerate} onClose={() => setMemberNick(null)}
            actions={{
              message: (nick) => { chat.openDirect(nick); setDrawer('none'); },
              mode,
              kick: (nick, reason) => chat.kick(state.active!, nick, reason || undefined),
            }} />
          <RoomSettingsDialog open={settingsOpen} conversation={active} canModerate={canModerate} onClose={() => setSettingsOpen(false)}
            actions={{
              mode,
              invite: async (nick) => {
                const answer = await chat.invite(state.active!, nick);
                return answer.ok ? null : answer.error ?? 'Cannot invite.';
              },
            }} />
        </>
      )}
      {drawer !== 'none' && <button type="button" className="scrim" aria-label="Close panel" tabIndex={-1} onClick={() => setDrawer('none')} />}
      <SearchDialog open={searching} room={active?.kind === 'room' ? active.name : undefined} onClose={() => setSearching(false)}
        search={async (request) => searchMessages(request, await accessToken())}
        onOpenRoom={(room) => select(keyOf(room))} />
      {recommendationSettings && (
        <SettingsDialog open={recommendationSettingsOpen} settings={recommendationSettings} token={accessToken} onClose={() => setRecommendationSettingsOpen(false)}
          onSaved={(saved) => { setRecommendationSettings(saved); setRecommendationsVersion((version) => version + 1); }} />
      )}
      <RoomBrowser open={browsing} onClose={() => { setBrowsing(false); setDrawer('none'); }} />
    </div>
  );
}

/** A MODE's answer as one sentence: null when all of it was applied, else each refusal as the server said it. */
export function modeRefusal(answer: ModeAnswer): string | null {
  if (!answer.ok) return answer.error ?? 'The mode was not changed.';
  const refused = (answer.refused ?? []).map((entry) => entry.error ?? entry.code).filter(Boolean);
  if (refused.length > 0) return refused.join('; ');
  return (answer.applied ?? []).length === 0 ? 'Nothing changed: the room already had that mode.' : null;
}

function TypingLine({ names }: { names: string[] }) {
  return <p className="typing-line" aria-live="polite">{names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`}</p>;
}

function SearchIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" className="icon">
      <circle cx="10.5" cy="10.5" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M15 15l5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** Drawn, not an emoji: phones without an emoji font would show a box. */
function PeopleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" className="icon">
      <circle cx="9" cy="8" r="3.2" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M3 19c.6-3.4 3-5.2 6-5.2s5.4 1.8 6 5.2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="16.5" cy="9" r="2.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M16.5 13.6c2.3 0 4 1.4 4.5 4.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
