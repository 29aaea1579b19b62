// The dashboard: sign-in, then the report pages behind a navigation bar.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onSession, session, signOut } from './api/session';
import { navigate, useLocation } from './ui/route';
import { rangeOf } from './ui/range';
import { SignIn } from './pages/SignIn';
import { Channels } from './pages/Channels';
import { Attribution } from './pages/Attribution';
import { Budget } from './pages/Budget';
import { Pacing } from './pages/Pacing';
import { Leads, LeadJourney } from './pages/Leads';
import { Settings } from './pages/Settings';
import './style.css';

const PAGES: [string, string][] = [
  ['/channels', 'Channels'],
  ['/attribution', 'Attribution'],
  ['/budget', 'Budget'],
  ['/pacing', 'Pacing'],
  ['/leads', 'Leads'],
  ['/settings', 'Settings'],
];
const RANGED = new Set(['/channels', '/attribution', '/budget', '/pacing']);

function App() {
  const [s, setS] = useState(session());
  useEffect(() => onSession(setS), []);
  const { path, params } = useLocation();
  if (!s) return <SignIn />;
  const page = path === '/' ? '/channels' : path;
  const range = rangeOf(params);
  // Moving between report pages keeps the range.
  const go = (to: string) => navigate(RANGED.has(to) && RANGED.has(page) ? `${to}?from=${range.from}&to=${range.to}` : to);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <strong class="brand">Leadsource</strong>
        <nav aria-label="Pages">
          {PAGES.map(([to, name]) => (
            <a
              href={to}
              aria-current={page === to || (to === '/leads' && page.startsWith('/leads/')) ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(to);
              }}
            >
              {name}
            </a>
          ))}
        </nav>
        <span class="who">
          {s.email} · {s.workspace} · {s.role}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page === '/channels' ? (
          <Channels range={range} params={params} />
        ) : page === '/attribution' ? (
          <Attribution range={range} />
        ) : page === '/budget' ? (
          <Budget key={`${range.from}${range.to}`} range={range} />
        ) : page === '/pacing' ? (
          <Pacing range={range} />
        ) : page === '/leads' ? (
          <Leads params={params} />
        ) : page.startsWith('/leads/') ? (
          <LeadJourney id={decodeURIComponent(page.slice('/leads/'.length))} />
        ) : page === '/settings' ? (
          <Settings role={s.role} />
        ) : (
          <p role="alert">No such page.</p>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
