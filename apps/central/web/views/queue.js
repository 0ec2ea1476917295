// The queue: the escalations waiting on the signed-in leader, to acknowledge or resolve.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { repeat } from '/vendor/lit-html/directives/repeat.js';
import { gql } from '../api.js';
import { exportButtons } from '../exports.js';
import { showError } from '../screen.js';
import { headings, levelBadge, t } from '../ui.js';

const QUEUE = `query($filter: EscalationFilter) { escalations(filter: $filter, first: 200) { totalCount edges { node {
  id level reason state ageDays waitingUnits note
  milestone { id key title unit { name } program { code name } } } } } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeEscalation(id: $id) { id state } }`;
const RESOLVE = `mutation($id: ID!, $note: String!) { resolveEscalation(id: $id, note: $note) { id state } }`;
const COLUMNS = ['level', 'reason', 'age', 'milestone', 'unit', 'program', 'state', 'waiting'];

export async function queueView({ params, signal, show, state, refresh }) {
  const filter = { mine: true };
  if (params.get('program')) filter.programCode = params.get('program');
  const data = await gql(QUEUE, { filter }, signal);
  const list = data.escalations.edges.map((e) => e.node);
  const busy = (state.busy ??= new Set()); // escalations with a decision on its way
  const headers = () => COLUMNS.map(t);
  const rows = () =>
    list.map((e) => [
      t('L_' + e.level),
      t('R_' + e.reason),
      e.ageDays,
      e.milestone.title,
      e.milestone.unit.name,
      e.milestone.program.name,
      t('S_' + e.state),
      e.waitingUnits || '',
    ]);
  // The page is reloaded after a decision, failed or not; a failure is shown over it.
  const decide = async (id, mutation, variables) => {
    busy.add(id);
    draw();
    const failure = await gql(mutation, { id, ...variables }).then(
      () => null,
      (e) => e,
    );
    busy.delete(id);
    await refresh();
    if (failure) showError(failure);
  };
  const resolve = (e) => (click) => {
    const note = click.target.closest('tr').querySelector('[data-note]').value.trim();
    if (!note) return showError(new Error(t('noteRequired')));
    return decide(e.id, RESOLVE, { note });
  };
  const row = (e) =>
    html`<tr data-id=${e.id} data-reason=${e.reason}>
      <td>${levelBadge(e.level)}</td>
      <td>
        ${t('R_' + e.reason)}${
          e.waitingUnits
            ? html` <span class="muted">(${e.waitingUnits} ${t('waiting')})</span>`
            : nothing
        }
      </td>
      <td>${e.ageDays}</td>
      <td>
        <a href="#/milestone/${e.milestone.id}">${e.milestone.title}</a><br /><span class="muted"
          >${e.milestone.program.name}</span
        >
      </td>
      <td>${e.milestone.unit.name}</td>
      <td class="state">${t('S_' + e.state)}</td>
      <td>
        <div class="row-actions">
          ${
            e.state === 'OPEN'
              ? html`<button
                  type="button"
                  data-ack=${e.id}
                  ?disabled=${busy.has(e.id)}
                  @click=${() => decide(e.id, ACKNOWLEDGE)}
                >
                  ${t('acknowledge')}
                </button>`
              : nothing
          }
          <input data-note=${e.id} placeholder=${t('notePlaceholder')} aria-label=${t('note')} />
          <button
            type="button"
            class="primary"
            data-resolve=${e.id}
            ?disabled=${busy.has(e.id)}
            @click=${resolve(e)}
          >
            ${t('resolve')}
          </button>
        </div>
      </td>
    </tr>`;
  const table = () =>
    html`<div class="scroll">
      <table id="queue">
        <thead>
          <tr>
            ${headings(['level', 'reason', 'age', 'milestone', 'unit', 'state'])}
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(list, (e) => e.id, row)}
        </tbody>
      </table>
    </div>`;
  const draw = () =>
    show(
      html`<h1>${t('queueTitle')}</h1>
        <div class="filters">
          <span class="muted"
            >${t('total')}: <strong id="queue-total">${data.escalations.totalCount}</strong></span
          >
          ${exportButtons('kien-nghi', headers, rows)}
        </div>
        ${list.length === 0 ? html`<p>${t('empty')}</p>` : table()}`,
    );
  draw();
}
