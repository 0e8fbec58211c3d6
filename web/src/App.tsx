import { useCallback, useState } from 'react';
import { session } from './api';
import { SignIn } from './SignIn';
import { Ask } from './Ask';
import { Catalog } from './Catalog';
import { Live } from './Live';
import { Jobs } from './Jobs';
import { Search } from './Search';

type Screen = 'live' | 'ask' | 'search' | 'catalog' | 'jobs';

export function App() {
  const [signedIn, setSignedIn] = useState(session.key() != null);
  // what no batch report can show comes first: the sprints changing as Jira changes
  const [screen, setScreen] = useState<Screen>('live');
  const [pending, setPending] = useState<string | null>(null);
  // hooks before any early return: React counts them per render
  const signOut = useCallback(() => {
    session.signOut();
    setSignedIn(false);
  }, []);
  if (!signedIn) {
    return <SignIn onSignedIn={() => setSignedIn(true)} />;
  }
  return (
    <div className="app">
      <header className="bar">
        <h1>Digital Spiral</h1>
        <nav aria-label="Screens">
          <button aria-current={screen === 'live' ? 'page' : undefined} onClick={() => setScreen('live')}>Live sprints</button>
          <button aria-current={screen === 'ask' ? 'page' : undefined} onClick={() => setScreen('ask')}>Ask</button>
          <button aria-current={screen === 'search' ? 'page' : undefined} onClick={() => setScreen('search')}>Search</button>
          <button aria-current={screen === 'catalog' ? 'page' : undefined} onClick={() => setScreen('catalog')}>Catalog</button>
          <button aria-current={screen === 'jobs' ? 'page' : undefined} onClick={() => setScreen('jobs')}>Jobs</button>
        </nav>
        <button className="link" onClick={signOut}>Sign out</button>
      </header>
      <main>
        {screen === 'live' && <Live onUnauthorized={signOut} />}
        {screen === 'ask' && <Ask initial={pending} onUsed={() => setPending(null)} onUnauthorized={signOut} />}
        {screen === 'search' && <Search onUnauthorized={signOut} />}
        {screen === 'catalog' && <Catalog onTry={(q) => { setPending(q); setScreen('ask'); }} />}
        {screen === 'jobs' && <Jobs />}
      </main>
    </div>
  );
}
