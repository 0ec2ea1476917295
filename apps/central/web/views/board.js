// The 1+63 board of a federated programme: a row per province, a cell per provincial item.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { exportButtons } from '../exports.js';
import { HEALTH_ICON } from '../i18n.js';
import { badge, t } from '../ui.js';

const PROGRAM = `query($code: ID!) { programs { code name model } program(code: $code) { code name
  plan { key title scope } provinceBoard { unit { code name } health progress { percentComplete } } } }`;

const MILESTONES = `query($code: ID!, $after: String) {
  milestones(filter: { programCode: $code, scope: PROVINCE }, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id key health percentComplete status unit { code } } } } }`;

const HEALTHS = ['BLOCKED', 'LATE', 'AT_RISK', 'ON_TRACK', 'DONE'];

async function boardMilestones(code, signal) {
  const all = [];
  let after = null;
  do {
    const page = (await gql(MILESTONES, { code, after }, signal)).milestones;
    all.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

/** Lower case, without diacritics: "Đà Nẵng" is found by "da nang". */
const folded = (s) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

export async function boardView({ arg: code = 'LAND', signal, show, state }) {
  const filters = (state.filters ??= { text: '', health: '' });
  const [{ program, programs }, milestones] = await Promise.all([
    gql(PROGRAM, { code }, signal),
    boardMilestones(code, signal),
  ]);
  if (!program) throw new Error(`${code}?`);
  const items = program.plan.filter((i) => i.scope === 'PROVINCE');
  const cell = new Map(milestones.map((m) => [`${m.unit.code}/${m.key}`, m]));
  const visible = () =>
    program.provinceBoard.filter(
      (r) =>
        (!filters.text || folded(r.unit.name).includes(folded(filters.text))) &&
        (!filters.health || r.health === filters.health),
    );
  const headers = () => [t('province'), t('rowHealth'), ...items.map((i) => `${i.key} ${i.title}`)];
  const rows = () =>
    visible().map((r) => [
      r.unit.name,
      t('H_' + r.health),
      ...items.map((i) => {
        const m = cell.get(`${r.unit.code}/${i.key}`);
        return m ? `${t('H_' + m.health)} ${m.percentComplete}%` : '';
      }),
    ]);
  const milestoneCell = (r, i) => {
    const m = cell.get(`${r.unit.code}/${i.key}`);
    return html`<td>
      ${
        m
          ? html`<a
              class="cell h-${m.health}"
              data-key=${i.key}
              href="#/milestone/${m.id}"
              title=${t('H_' + m.health)}
              >${HEALTH_ICON[m.health]} ${m.percentComplete}%</a
            >`
          : nothing
      }
    </td>`;
  };
  const filter = (key) => (e) => {
    filters[key] = e.target.value;
    draw();
  };
  const draw = () =>
    show(
      html`<h1>${t('boardTitle')}: ${program.name}</h1>
        <div class="filters">
          <select
            id="program"
            aria-label=${t('program')}
            @change=${(e) => (location.hash = `#/board/${e.target.value}`)}
          >
            ${programs
              .filter((p) => p.model === 'FEDERATED')
              .map(
                (p) =>
                  html`<option value=${p.code} ?selected=${p.code === code}>${p.name}</option>`,
              )}
          </select>
          <input
            id="q"
            placeholder=${t('filterProvince')}
            aria-label=${t('filterProvince')}
            @input=${filter('text')}
          />
          <select id="h" aria-label=${t('health')} @change=${filter('health')}>
            <option value="">${t('allHealth')}</option>
            ${HEALTHS.map((h) => html`<option value=${h}>${t('H_' + h)}</option>`)}
          </select>
          ${exportButtons(`bang-1-63-${code}`, headers, rows)}
        </div>
        <div class="scroll" id="board">
          <table>
            <thead>
              <tr>
                <th>${t('province')}</th>
                <th>${t('rowHealth')}</th>
                ${items.map(
                  (i) =>
                    html`<th title=${i.title}>
                      ${i.key}<br /><span class="muted">${i.title}</span>
                    </th>`,
                )}
              </tr>
            </thead>
            <tbody>
              ${visible().map(
                (r) =>
                  html`<tr data-province=${r.unit.code}>
                    <td>${r.unit.name}</td>
                    <td>${badge(r.health)}</td>
                    ${items.map((i) => milestoneCell(r, i))}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    );
  draw();
}
