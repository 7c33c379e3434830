import { StatusPanel } from '../status/StatusPanel';
import { useAuth } from '../auth/AuthContext';
import { navigate } from '../../router';

const IRC_HOST = '127.0.0.1';
const IRC_PLAIN_PORT = 6667;
const IRC_TLS_PORT = 6697;

function Logo() {
  return (
    <svg className="brand__logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="brand-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4f8cff" />
          <stop offset="1" stopColor="#7c5cff" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill="url(#brand-gradient)" />
      <path
        fill="#fff"
        d="M20 44a10 10 0 0 1-1.2-19.9A13 13 0 0 1 44 22.5 9.5 9.5 0 0 1 45 44H31l-7 6v-6z"
      />
      <circle cx="25" cy="34" r="2.6" fill="#5a78ff" />
      <circle cx="32.5" cy="34" r="2.6" fill="#5a78ff" />
      <circle cx="40" cy="34" r="2.6" fill="#5a78ff" />
    </svg>
  );
}

/** The signed-out start page: what ChatCloud is, sign in or create an account, and the system status. */
export function Landing() {
  const { signIn } = useAuth();
  return (
    <div className="page">
      <header className="hero">
        <div className="brand">
          <Logo />
          <h1 className="brand__name">ChatCloud</h1>
        </div>
        <p className="hero__tagline">Self-hosted chat for teams, schools and groups.</p>
        <div className="hero__actions">
          <button type="button" className="button primary" onClick={() => void signIn()}>Sign in</button>
          <a className="button" href="/signup" onClick={(event) => { event.preventDefault(); navigate('/signup'); }}>Create account</a>
        </div>
      </header>

      <main id="main" className="content">
        <StatusPanel />

        <p className="info">
          <span className="info__icon" aria-hidden="true">
            #
          </span>
          <span>
            Connect with an IRC client:{' '}
            <code>
              {IRC_HOST}:{IRC_PLAIN_PORT}
            </code>{' '}
            (plain) / <code>{IRC_TLS_PORT}</code> (TLS)
          </span>
        </p>
      </main>

      <footer className="footer">
        <p>ChatCloud · self-hosted</p>
      </footer>
    </div>
  );
}
