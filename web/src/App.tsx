import { AuthProvider, useAuth } from './features/auth/AuthContext';
import { CallbackPage } from './features/auth/CallbackPage';
import { SignUpPage } from './features/auth/SignUpPage';
import { CALLBACK_PATH } from './features/auth/oidc';
import { ChatProvider } from './features/chat/ChatContext';
import { ChatShell } from './features/chat/ChatShell';
import { EXTENSIONS } from './features/extensions/extensions';
import { ExtensionPage } from './features/extensions/ExtensionPage';
import { Landing } from './features/home/Landing';
import { OfflineNotice } from './features/pwa/OfflineNotice';
import { usePath } from './router';

function Routes() {
  const path = usePath();
  const { session } = useAuth();
  if (path === CALLBACK_PATH) return <CallbackPage />;
  if (path === '/signup') return <SignUpPage />;
  if (EXTENSIONS.some((extension) => extension.path === path)) return <ExtensionPage path={path} />;
  if (session === undefined) return <main id="main" className="centered-page"><p role="status">Loading…</p></main>;
  if (session === null) return <Landing />;
  return (
    <ChatProvider me={session.name}>
      <ChatShell session={session} />
    </ChatProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <OfflineNotice />
      <Routes />
    </AuthProvider>
  );
}
