// The 1+63 board of a federated programme (1+34 from July 2025): a row per province, a cell
// per provincial item, as of today or of the day in the address.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { exportButtons } from '../exports.js';
import { HEALTH_ICON } from '../i18n.js';
import { asOfPicker, badge, t } from '../ui.js';

const PROGRAM = `query($code: ID!, $asOf: Date) { programs { code name model } program(code: $code) { code name
  plan { key title scope } provinceBoard(asOf: $asOf) { unit { code name } health progress { percentComplete } } } }`;

const MILESTONES = `query($code: ID!, $asOf: Date, $after: String) {
  milestones(filter: { programCode: $code, scope: PROVINCE, asOf: $asOf }, first: 200, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id key health percentComplete status unit { code } } } } }`;

const HEALTHS = ['BLOCKED', 'LATE', 'AT_RISK', 'ON_TRACK', 'DONE'];

async function boardMilestones(code, asOf, signal) {
  const all = [];
  let after = null;
  do {
    const page = (await gql(MILESTONES, { code, asOf, after }, signal)).milestones;
    all.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

/** Lower case, without diacritics: "Đà Nẵng" is found by "da nang". */
const folded = (s) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

export async function boardView({ arg: code = 'LAND', params, signal, show, state }) {
  const filters = (state.filters ??= { text: '', health: '' });
  const asOf = params.get('asOf') || null;
  const [{ program, programs }, milestones] = await Promise.all([
    gql(PROGRAM, { code, asOf }, signal),
    boardMilestones(code, asOf, signal),
  ]);
  // "1+63" until the provinces merged on 1 July 2025, "1+34" since: the rows of the day shown
  const shape = `1+${program?.provinceBoard.length}`;
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
      html`<h1>${t('boardTitle')} ${shape}: ${program.name}</h1>
        <div class="filters">
          <select
            id="program"
            aria-label=${t('program')}
            @change=${(e) =>
              (location.hash = `#/board/${e.target.value}${asOf ? `?asOf=${asOf}` : ''}`)}
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
          ${asOfPicker(asOf)}
          ${exportButtons(`bang-${shape.replace('+', '-')}-${code}${asOf ? `-${asOf}` : ''}`, headers, rows)}
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
