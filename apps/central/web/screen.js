// The main element: the page a view drew, under the errors reported since.
import { html, nothing, render } from '/vendor/lit-html/lit-html.js';
import { keyed } from '/vendor/lit-html/directives/keyed.js';

const main = document.getElementById('view');
let key = 0;
let page = nothing;
let errors = [];

/**
 * Draws a view's page, clearing the errors. Pages of one key (one visit to a view, reloaded
 * by live updates) update in place, keeping focus and what was typed; a new key, a new visit,
 * starts from fresh elements.
 */
export function show(pageKey, template) {
  key = pageKey;
  page = template;
  errors = [];
  draw();
}

export function showError(e) {
  errors = [...errors, e.message];
  draw();
}

function draw() {
  const alerts = errors.map((m) => html`<p class="error" role="alert">${m}</p>`);
  render(keyed(key, html`${alerts}${page}`), main);
}
