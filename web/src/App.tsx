import { AuthProvider, useAuth } from './features/auth/AuthContext';
import { CallbackPage } from './features/auth/CallbackPage';
import { SignUpPage } from './features/auth/SignUpPage';
import { CALLBACK_PATH } from './features/auth/oidc';
import { ChatProvider } from './features/chat/ChatContext';
import { ChatShell } from './features/chat/ChatShell';
import { isAdminPath } from './features/extensions/extensions';
import { Landing } from './features/home/Landing';
import { OfflineNotice } from './features/pwa/OfflineNotice';
import { usePath } from './router';
import { accessToken } from './features/auth/oidc';
import { lazy, Suspense } from 'react';

// The admin pages carry the chart library; only administrators who open them download it.
const AdminPage = lazy(() => import('./features/admin/AdminPage').then((module) => ({ default: module.AdminPage })));

const loading = <main id="main" className="centered-page"><p role="status">Loading…</p></main>;

function Routes() {
  const path = usePath();
  const { session } = useAuth();
  if (path === CALLBACK_PATH) return <CallbackPage />;
  if (path === '/signup') return <SignUpPage />;
  if (session === undefined) return loading;
  if (session === null) return <Landing />;
  if (isAdminPath(path)) return <Suspense fallback={loading}><AdminPage session={session} path={path} token={accessToken} /></Suspense>;
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
