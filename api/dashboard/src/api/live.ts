// Live answers over the graphql-transport-ws protocol at /graphql: the server pushes the
// current answer at once, then a fresh one after each change of the workspace's data.
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';
import { onSession, session } from './session';

let client: Client | null = null;

function live(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    retryAttempts: 5,
    connectionParams: () => ({ Authorization: `Bearer ${session()?.accessToken ?? ''}` }),
  });
  return client;
}

// A new access token (refresh, sign-in, sign-out) reconnects with it.
onSession(() => {
  const c = client;
  client = null;
  void c?.dispose();
});

/** Subscribes; returns the unsubscribe function. `onError` hears a refused or closed subscription. */
export function subscribe<T, V>(
  doc: TypedDocumentString<T, V>,
  variables: V,
  onData: (data: T) => void,
  onError: (message: string) => void,
): () => void {
  return live().subscribe<T>(
    { query: doc.toString(), variables: variables as Record<string, unknown> },
    {
      next: (answer) => {
        if (answer.errors?.length) onError(answer.errors[0].message);
        else if (answer.data) onData(answer.data as T);
      },
      error: (e) => onError(e instanceof Error ? e.message : 'live updates unavailable'),
      complete: () => {},
    },
  );
}
