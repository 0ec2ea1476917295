// The leadership views: a small client of the same GraphQL API, with the user's token.
// Plain ES modules, served as they are; lit-html and graphql-ws come from /vendor/.
import { currentToken, onSessionChange, signOut } from './api.js';
import { connectLive } from './live.js';
import { route, scheduleRefresh } from './router.js';
import { toggleLanguage } from './ui.js';

const followChanges = () => connectLive(currentToken(), scheduleRefresh);
onSessionChange(followChanges);
document.getElementById('lang').addEventListener('click', () => {
  toggleLanguage();
  void route();
});
document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('hashchange', () => void route());
followChanges();
void route();
