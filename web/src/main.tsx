import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/tokens.css';
import './styles/app.css';
import './styles/chat.css';
import './styles/admin.css';
import { registerServiceWorker } from './features/pwa/registerServiceWorker';
import { loadSignInConfig } from './features/auth/oidc';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Missing #root element in index.html');
}

// Where to sign in is known before anything can ask for it.
void loadSignInConfig().then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

registerServiceWorker();
