// One milestone: its facts, its escalations with their history, and its reports.
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { badge, headings, levelBadge, t } from '../ui.js';

const MILESTONE = `query($id: ID!) { milestone(id: $id) {
  key title status health percentComplete baselineDue forecastDue completedOn daysLate blocker note lastReportedAt
  unit { name } program { code name }
  history(first: 50) { edges { node { seq outcome status percentComplete note reportedBy reportedAt } } }
  escalations { level reason state ageDays waitingUnits note history { at kind level actor note } }
} }`;

const fact = (key, value) =>
  html`<dt>${t(key)}</dt>
    <dd>${value}</dd>`;

const escalation = (e) =>
  html`<div>
    <p>
      ${levelBadge(e.level)} ${t('R_' + e.reason)} · ${t('S_' + e.state)} · ${e.ageDays} ${t('age')}
    </p>
    <ul>
      ${e.history.map(
        (h) =>
          html`<li>
            ${h.at.slice(0, 10)} ${h.kind} ${t('L_' + h.level)} ·
            ${h.actor}${h.note ? ` — ${h.note}` : ''}
          </li>`,
      )}
    </ul>
  </div>`;

const reports = (edges) =>
  html`<table>
    <thead>
      <tr>
        <th>seq</th>
        ${headings(['reportedAt', 'status', 'percent', 'outcome', 'reportedBy', 'note'])}
      </tr>
    </thead>
    <tbody>
      ${edges.map(
        ({ node: h }) =>
          html`<tr>
            <td>${h.seq}</td>
            <td>${h.reportedAt}</td>
            <td>${h.status}</td>
            <td>${h.percentComplete}%</td>
            <td>${h.outcome}</td>
            <td>${h.reportedBy}</td>
            <td>${h.note ?? ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;

export async function milestoneView({ arg: id, signal, show }) {
  const { milestone: m } = await gql(MILESTONE, { id }, signal);
  if (!m) throw new Error(`${id}?`);
  show(
    html`<p>
        <button type="button" id="back" @click=${() => history.back()}>← ${t('back')}</button>
      </p>
      <h1>${m.title}</h1>
      <p class="muted">${m.program.name} · ${m.unit.name} · ${m.key}</p>
      <div class="grid">
        <section class="card">
          <dl class="facts">
            ${fact('health', badge(m.health))} ${fact('status', m.status)}
            ${fact('percent', `${m.percentComplete}%`)} ${fact('baselineDue', m.baselineDue)}
            ${fact('forecastDue', m.forecastDue ?? '—')}
            ${fact('completedOn', m.completedOn ?? '—')} ${fact('daysLate', m.daysLate)}
            ${fact('blocker', m.blocker ?? '—')} ${fact('note', m.note ?? '—')}
          </dl>
        </section>
        <section class="card">
          <h2>${t('escalations')}</h2>
          ${m.escalations.length ? m.escalations.map(escalation) : html`<p>${t('empty')}</p>`}
        </section>
      </div>
      <h2>${t('history')}</h2>
      ${
        m.history.edges.length
          ? reports(m.history.edges)
          : html`<p class="muted">${t('noHistory')}</p>`
      }`,
  );
}
