// What the views share: the language, its texts, and the badges that carry health and level.
import { html } from '/vendor/lit-html/lit-html.js';
import { HEALTH_ICON, TEXT } from './i18n.js';

let lang = localStorage.getItem('lang') === 'en' ? 'en' : 'vi';

export const language = () => lang;

export function toggleLanguage() {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('lang', lang);
}

export const t = (key) => TEXT[lang][key] ?? TEXT.vi[key] ?? key;

export const badge = (health) =>
  html`<span class="badge h-${health}">${HEALTH_ICON[health]} ${t('H_' + health)}</span>`;

export const levelBadge = (level) =>
  html`<span class="badge lv lv-${level}">${t('L_' + level)}</span>`;

export const pct = (n) => `${Math.round(n * 10) / 10}%`;

/**
 * The day a board or overview is read as of: a date picker (empty: today). The day is kept
 * in the address (`?asOf=2020-01-15`), so a dated view can be shared, and reloads stay on it.
 */
export const asOfPicker = (asOf) =>
  html`<label class="as-of"
    >${t('viewAsOf')}
    <input
      id="asOf"
      type="date"
      .value=${asOf ?? ''}
      @change=${(e) => {
        const [path] = location.hash.split('?');
        location.hash = e.target.value ? `${path}?asOf=${e.target.value}` : path;
      }}
  /></label>`;

/** A table's header cells, one a text key. */
export const headings = (keys) => keys.map((key) => html`<th>${t(key)}</th>`);
