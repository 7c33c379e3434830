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
import { navigate } from '../../router';
import { accessToken } from '../auth/oidc';
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
  const active = state.active ? state.conversations[state.active] : undefined;
  const phone = useMediaQuery('(max-width: 40rem)');
  const [settings, setSettings] = useState<RecommendationSettings | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsVersion, setSettingsVersion] = useState(0);

  // The settings endpoint is newer than some servers: where it answers 404 there is no Settings button.
  useEffect(() => {
    let live = true;
    accessToken().then(fetchSettings).then((found) => live && setSettings(found), () => undefined);
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

  const command = async (name: string, argument: string): Promise<string | null> => {
    try {
      if (name === 'join') {
        const answer = await chat.join(argument.split(/\s+/)[0] ?? '');
        return answer.ok ? null : answer.error ?? 'Cannot join.';
      }
      if (!state.active) return 'Open a room first.';
      if (name === 'topic') {
        const answer = await chat.setTopic(state.active, argument);
        return answer.ok ? null : answer.error ?? 'Cannot set the topic.';
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
        <button type="button" className="icon-button phone-only" aria-label="Members" aria-expanded={drawer === 'members'}
          aria-controls="members" onClick={() => setDrawer(drawer === 'members' ? 'none' : 'members')}><PeopleIcon /></button>
      </header>
      {accountError && <p className="banner-error" role="alert">{accountError}</p>}
      <nav id="conversations" className="sidebar" aria-label="Conversations">
        <button type="button" className="button primary wide" onClick={() => setBrowsing(true)}>Browse or create rooms</button>
        <ConversationList state={state} onSelect={select} />
        <RecommendationsPanel token={accessToken} visible={!phone || drawer === 'nav'} joined={new Set(Object.keys(state.conversations))}
          onJoinRoom={joinSuggested} onTalkTo={(nick) => { chat.openDirect(nick); setDrawer('none'); }} refreshKey={settingsVersion} />
        {settings && <button type="button" className="button subtle wide" onClick={() => setSettingsOpen(true)}>Settings</button>}
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
              onLeave={() => void chat.leave(state.active!)} />
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
        <MemberList conversation={active} away={state.away} onOpenDirect={(nick) => { chat.openDirect(nick); setDrawer('none'); }} />
      </aside>
      {drawer !== 'none' && <button type="button" className="scrim" aria-label="Close panel" tabIndex={-1} onClick={() => setDrawer('none')} />}
      {settings && (
        <SettingsDialog open={settingsOpen} settings={settings} token={accessToken} onClose={() => setSettingsOpen(false)}
          onSaved={(saved) => { setSettings(saved); setSettingsVersion((version) => version + 1); }} />
      )}
      <RoomBrowser open={browsing} onClose={() => { setBrowsing(false); setDrawer('none'); }} />
    </div>
  );
}

function TypingLine({ names }: { names: string[] }) {
  return <p className="typing-line" aria-live="polite">{names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`}</p>;
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
