import { useState } from 'react';
import { session } from './api';
import { SignIn } from './SignIn';
import { Ask } from './Ask';
import { Catalog } from './Catalog';

type Screen = 'ask' | 'catalog';

export function App() {
  const [signedIn, setSignedIn] = useState(session.key() != null);
  const [screen, setScreen] = useState<Screen>('ask');
  const [pending, setPending] = useState<string | null>(null);
  if (!signedIn) {
    return <SignIn onSignedIn={() => setSignedIn(true)} />;
  }
  const signOut = () => {
    session.signOut();
    setSignedIn(false);
  };
  return (
    <div className="app">
      <header className="bar">
        <h1>Digital Spiral</h1>
        <nav aria-label="Screens">
          <button aria-current={screen === 'ask' ? 'page' : undefined} onClick={() => setScreen('ask')}>Ask</button>
          <button aria-current={screen === 'catalog' ? 'page' : undefined} onClick={() => setScreen('catalog')}>Catalog</button>
        </nav>
        <button className="link" onClick={signOut}>Sign out</button>
      </header>
      <main>
        {screen === 'ask' ? (
          <Ask initial={pending} onUsed={() => setPending(null)} onUnauthorized={signOut} />
        ) : (
          <Catalog onTry={(q) => { setPending(q); setScreen('ask'); }} />
        )}
      </main>
    </div>
  );
}
