// Live updates: the centre's change feed over graphql-ws, so that a view reloads when
// something changes. The header's dot shows while the connection is up.
import { createClient } from '/vendor/graphql-ws/client.js';

const RETRY_MS = 3000;
let client = null;

/**
 * Follows the change feed with `token`, calling `onChange` for each change, in place of any
 * earlier connection; with no token, only closes that one. A lost connection is retried
 * every 3 s for as long as this one is current.
 */
export function connectLive(token, onChange) {
  client?.dispose();
  client = null;
  const dot = document.getElementById('live');
  dot.hidden = true;
  if (!token) return;
  const mine = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, RETRY_MS)),
    on: {
      connected: () => client === mine && (dot.hidden = false),
      closed: () => client === mine && (dot.hidden = true),
    },
  });
  client = mine;
  // Closes the client retries itself; a refusal ends the subscription, so subscribe again.
  const follow = () =>
    mine.subscribe(
      { query: 'subscription { changes { kind } }' },
      { next: () => onChange(), error: again, complete: again },
    );
  function again() {
    setTimeout(() => client === mine && follow(), RETRY_MS);
  }
  follow();
}
