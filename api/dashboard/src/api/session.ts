// The signed-in session: kept in sessionStorage, refreshed a minute before the access token
// expires, ended by `logout`.
import { graphql } from '../gql';
import { rawRequest } from './transport';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  role: string;
  email: string;
  workspace: string;
}

const KEY = 'leadsource.session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();
let current: Session | null = load();
let timer: number | undefined;

function load(): Session | null {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

export function session(): Session | null {
  return current;
}

export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(next: Session | null) {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  schedule();
  listeners.forEach((l) => l(next));
}

const LoginDoc = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      role
      user { email }
      workspace { name }
    }
  }
`);

const RefreshDoc = graphql(`
  mutation Refresh($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      accessTokenExpiresAt
      refreshToken
      role
      user { email }
      workspace { name }
    }
  }
`);

const LogoutDoc = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

type SessionAnswer = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  role: string;
  user: { email: string };
  workspace: { name: string };
};

function fromAnswer(s: SessionAnswer): Session {
  return {
    accessToken: s.accessToken,
    accessTokenExpiresAt: s.accessTokenExpiresAt,
    refreshToken: s.refreshToken,
    role: s.role,
    email: s.user.email,
    workspace: s.workspace.name,
  };
}

export async function signIn(email: string, password: string): Promise<void> {
  const data = await rawRequest(LoginDoc, { email, password }, null);
  set(fromAnswer(data.login));
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new session; false (and signed out) when it fails. */
export function refresh(): Promise<boolean> {
  const s = current;
  if (!s) return Promise.resolve(false);
  refreshing ??= rawRequest(RefreshDoc, { refreshToken: s.refreshToken }, null)
    .then((data) => {
      set(fromAnswer(data.refreshSession));
      return true;
    })
    .catch(() => {
      set(null);
      return false;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export async function signOut(): Promise<void> {
  const s = current;
  set(null);
  if (s) await rawRequest(LogoutDoc, { refreshToken: s.refreshToken }, null).catch(() => false);
}

function schedule() {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
  if (!current) return;
  const due = Date.parse(current.accessTokenExpiresAt) - Date.now() - 60_000;
  timer = window.setTimeout(() => void refresh(), Math.max(due, 0));
}

schedule();
