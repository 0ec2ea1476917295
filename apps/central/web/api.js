// The GraphQL API over HTTP, and the session whose token it carries.

let token = sessionStorage.getItem('token');
const listeners = [];

/** The signed-in token, null when signed out. */
export const currentToken = () => token;

/** Calls `listener` whenever the user signs in or out. */
export function onSessionChange(listener) {
  listeners.push(listener);
}

/** The claims of the signed-in token (not verified here: the API does that). */
export function claims() {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

export function signIn(value) {
  token = value.trim();
  sessionStorage.setItem('token', token);
  listeners.forEach((l) => l());
}

export function signOut() {
  token = null;
  sessionStorage.removeItem('token');
  listeners.forEach((l) => l());
  location.hash = '#/signin';
}

/**
 * One GraphQL operation. `signal` aborts it: a view's load passes its own, which the
 * router aborts when the user goes on to another view before the answer comes.
 */
export async function gql(query, variables = {}, signal = undefined) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = await res.json();
  if (body.errors?.length) {
    const [e] = body.errors;
    if (e.extensions?.code === 'UNAUTHENTICATED') signOut();
    throw new Error(e.message);
  }
  return body.data;
}
