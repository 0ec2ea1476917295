// Sign-in: paste a token, or in the demo pick one of its identities.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { claims, signIn } from '../api.js';
import { t } from '../ui.js';

export async function signInView({ signal, show }) {
  let identities = [];
  try {
    const res = await fetch('/demo/identities', { signal });
    if (res.ok) identities = await res.json();
  } catch {
    // not the demo, or the user went on
  }
  const use = (value) => {
    signIn(value);
    location.hash = claims()?.role === 'LEADER' ? '#/queue' : '#/';
  };
  const submit = (e) => {
    e.preventDefault();
    use(e.target.querySelector('#token').value);
  };
  show(
    html`<section class="card signin">
      <h1>${t('signInTitle')}</h1>
      <p class="muted">${t('signInHelp')}</p>
      <form id="signin" @submit=${submit}>
        <textarea id="token" aria-label="token" spellcheck="false"></textarea>
        <p><button class="primary" type="submit">${t('signIn')}</button></p>
      </form>
      ${
        identities.length
          ? html`<h2>${t('demoIdentities')}</h2>
              <div class="identities">
                ${identities.map(
                  (i, n) =>
                    html`<button type="button" data-identity=${n} @click=${() => use(i.token)}>
                      ${i.label}
                    </button>`,
                )}
              </div>`
          : nothing
      }
    </section>`,
  );
}
