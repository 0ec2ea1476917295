// The header of index.html: its texts in the current language, who is signed in, and which
// section of the navigation the address is in.
import { claims } from './api.js';
import { language, t } from './ui.js';

export function drawHeader() {
  const lang = language();
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = lang === 'vi' ? 'EN' : 'VI';
  document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
  const c = claims();
  document.getElementById('nav').hidden = !c;
  document.getElementById('signout').hidden = !c;
  document.getElementById('who').textContent = c
    ? [t('role.' + c.role), c.level ? t('L_' + c.level) : '', c.unit ?? '']
        .filter(Boolean)
        .join(' · ')
    : '';
  const here = location.hash.split('?')[0] || '#/';
  document.querySelectorAll('nav a').forEach((a) => {
    const href = a.getAttribute('href');
    const section = href.split('/').slice(0, 2).join('/');
    a.classList.toggle('active', href === '#/' ? here === '#/' : here.startsWith(section));
  });
}
