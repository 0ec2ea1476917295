// The national overview: each programme's progress and health, escalations by level, and
// the provinces furthest behind, as of today or of the day in the address.
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { asOfPicker, badge, headings, levelBadge, pct, t } from '../ui.js';
import { indicatorsSection, loadIndicators } from './indicators-section.js';
import { leagueSection, loadLeague } from './reporting-league.js';

const DASHBOARD = `query($asOf: Date) { nationalDashboard(asOf: $asOf) {
  asOf
  programs { program { code name model owner { name } } health openEscalations progress { percentComplete total done late blocked atRisk } }
  escalationsByLevel { level count }
  laggingProvinces(first: 10) { unit { code name } health progress { late blocked total } }
} }`;

const programRow = (asOfQuery) => (p) => {
  const { code, name, model } = p.program;
  const percent = p.progress.percentComplete;
  return html`<tr>
    <td>
      ${model === 'FEDERATED' ? html`<a href="#/board/${code}${asOfQuery}">${name}</a>` : name}
    </td>
    <td>${p.program.owner.name}</td>
    <td><progress max="100" value=${percent} title=${pct(percent)}></progress> ${pct(percent)}</td>
    <td>${badge(p.health)}</td>
    <td>${p.progress.late}</td>
    <td>${p.progress.blocked}</td>
    <td><a href="#/queue?program=${code}">${p.openEscalations}</a></td>
  </tr>`;
};

export async function dashboardView({ params, signal, show }) {
  const asOf = params.get('asOf') || null;
  const [{ nationalDashboard: d }, indicators] = await Promise.all([
    gql(DASHBOARD, { asOf }, signal),
    loadIndicators(signal),
  ]);
  // the month before the day the overview is read as of: that one comes with the answer
  const league = await loadLeague(d.asOf, signal);
  show(
    html`<h1>${t('dashboardTitle')}</h1>
      <p class="muted">${t('asOf')} <strong>${d.asOf}</strong> ${asOfPicker(asOf)}</p>
      <table>
        <thead>
          <tr>
            ${headings([
              'program',
              'owner',
              'progress',
              'health',
              'late',
              'blocked',
              'openEscalations',
            ])}
          </tr>
        </thead>
        <tbody>
          ${d.programs.map(programRow(asOf ? `?asOf=${asOf}` : ''))}
        </tbody>
      </table>
      ${indicatorsSection(indicators)}
      <div class="grid">
        <section>
          <h2>${t('byLevel')}</h2>
          <table>
            <tbody>
              ${d.escalationsByLevel
                .slice()
                .reverse()
                .map(
                  (l) =>
                    html`<tr>
                      <td>${levelBadge(l.level)}</td>
                      <td>${l.count}</td>
                    </tr>`,
                )}
            </tbody>
          </table>
        </section>
        <section>
          <h2>${t('lagging')}</h2>
          <table>
            <thead>
              <tr>
                ${headings(['province', 'late', 'blocked', 'health'])}
              </tr>
            </thead>
            <tbody>
              ${d.laggingProvinces.map(
                (r) =>
                  html`<tr>
                    <td>${r.unit.name}</td>
                    <td>${r.progress.late}</td>
                    <td>${r.progress.blocked}</td>
                    <td>${badge(r.health)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
      </div>
      ${leagueSection(league)}`,
  );
}
