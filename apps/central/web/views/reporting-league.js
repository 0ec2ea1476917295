// The overview's league of provinces for the last month (the one before the day it is read
// as of): the ten that reported least, worst first, leading to the completeness page.
import { html } from '/vendor/lit-html/lit-html.js';
import { fill, formatMonth, formatShare } from '../format.js';
import { completenessOf, cueCell, monthsBefore } from '../reporting-figures.js';
import { headings, t } from '../ui.js';

const SHOWN = 10;

export const loadLeague = async (asOf, signal) =>
  (await completenessOf(monthsBefore(asOf, 1), null, signal))[0];

export const leagueSection = (month) =>
  html`<section id="league">
    <h2>${fill('reportingLeague', { month: formatMonth(month.period) })}</h2>
    <table>
      <thead>
        <tr>
          ${headings(['province', 'completeness', 'timeliness'])}
        </tr>
      </thead>
      <tbody>
        ${month.provinces.slice(0, SHOWN).map(
          (r) =>
            html`<tr data-province=${r.unit.code}>
              <td>${r.unit.name}</td>
              ${cueCell(r)}
              <td>${formatShare(r.timeliness)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p><a href="#/reporting">${t('seeAllProvinces')}</a></p>
  </section>`;
