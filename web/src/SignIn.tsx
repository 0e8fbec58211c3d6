import { FormEvent, useState } from 'react';
import { ApiError, checkKey, session } from './api';

/** Sign in with an API key: kept for this browser tab only (sessionStorage), sent as a header, never in a URL. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await checkKey(key.trim());
      session.signIn(key.trim());
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401
        ? 'This key was not accepted: it is wrong, expired or revoked. Ask your admin for a key (./spiral key create).'
        : `Could not reach the API: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <h1>Digital Spiral analytics</h1>
      <p>Sprint figures fresh within a second, answered in plain words.</p>
      <form onSubmit={submit}>
        <label htmlFor="key">API key</label>
        <input id="key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required />
        <button type="submit" disabled={busy || key.trim() === ''}>Sign in</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}
