// The router: the view the address names, loaded with a signal that is aborted when the user
// goes on to another address first, and reloaded when the centre reports a change.
import { currentToken } from './api.js';
import { drawHeader } from './header.js';
import { show, showError } from './screen.js';
import { boardView } from './views/board.js';
import { dashboardView } from './views/dashboard.js';
import { indicatorView } from './views/indicator.js';
import { milestoneView } from './views/milestone.js';
import { queueView } from './views/queue.js';
import { reportingView } from './views/reporting.js';
import { signInView } from './views/sign-in.js';

const VIEWS = {
  signin: signInView,
  board: boardView,
  queue: queueView,
  milestone: milestoneView,
  indicator: indicatorView,
  reporting: reportingView,
};

let visits = 0;
/** The visit on screen: { key, view, arg, params, state, live, controller, loading, again }. */
let current = null;

export async function route() {
  current?.controller.abort();
  current = null;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const [name, arg] = path.split('/').filter(Boolean);
  if (!currentToken() && name !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  drawHeader();
  const visit = {
    key: (visits += 1),
    view: VIEWS[name] ?? dashboardView,
    arg,
    params: new URLSearchParams(query ?? ''),
    state: {}, // what the user chose on the page (filters), kept across reloads
    live: name !== 'signin',
  };
  current = visit;
  await load(visit);
}

/**
 * Runs the visit's view. What it draws reaches the screen only while the visit is current and
 * this load not aborted: an answer that came all the same must not draw over the next view.
 */
function load(visit) {
  const controller = new AbortController();
  const { signal } = controller;
  const mine = () => current === visit && !signal.aborted;
  visit.controller = controller;
  const loading = visit
    .view({
      arg: visit.arg,
      params: visit.params,
      state: visit.state,
      signal,
      show: (template) => mine() && show(visit.key, template),
      refresh: () => reload(visit),
    })
    .catch((e) => mine() && showError(e))
    .finally(() => {
      if (visit.loading === loading) visit.loading = null;
    });
  visit.loading = loading;
  return loading;
}

/** Loads the visit again; asked while it loads, once after that load (none are dropped). */
function reload(visit) {
  if (!visit.live || current !== visit) return Promise.resolve();
  if (!visit.loading) return load(visit);
  visit.again ??= visit.loading.then(() => {
    visit.again = null;
    return current === visit ? load(visit) : undefined;
  });
  return visit.again;
}

let timer = null;
/** A change was reported: the view on screen reloads once the changes settle for 150 ms. */
export function scheduleRefresh() {
  clearTimeout(timer);
  timer = setTimeout(() => current && void reload(current), 150);
}
