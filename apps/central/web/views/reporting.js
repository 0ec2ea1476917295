// Which provinces reported, and on time: provinces × the last 6 months (ending with the month
// before the centre's today), worst first, with the national totals; `?program=CODE` narrows
// it to one programme. A month whose deadline has not passed is marked open.
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { exportButtons } from '../exports.js';
import { fill, formatDate, formatMonth } from '../format.js';
import {
  centreToday,
  completenessOf,
  cueCell,
  isOpen,
  lateOf,
  monthsBefore,
} from '../reporting-figures.js';
import { t } from '../ui.js';

const MONTHS = 6;

/** A share of the months' sums (not a mean of shares), 1 when nothing was expected. */
const shareOf = (rows, key) => {
  const expected = rows.reduce((s, r) => s + r.expected, 0);
  return expected ? rows.reduce((s, r) => s + r[key], 0) / expected : 1;
};

/**
 * Provinces worst first over the closed months (an open month's reports may still come):
 * completeness, then timeliness, of their sums; a tie keeps the latest month's order.
 */
function provincesWorstFirst(months, today) {
  const closed = months.filter((m) => !isOpen(m, today));
  const judged = closed.length ? closed : months;
  const units = new Map();
  [...months]
    .reverse()
    .forEach((m) =>
      m.provinces.forEach((r) => units.has(r.unit.code) || units.set(r.unit.code, r.unit)),
    );
  const rowsOf = (code, of) => of.flatMap((m) => m.provinces.filter((r) => r.unit.code === code));
  const ranked = [...units.values()].map((unit, order) => {
    const rows = rowsOf(unit.code, judged);
    return {
      unit,
      order,
      completeness: shareOf(rows, 'received'),
      timeliness: shareOf(rows, 'onTime'),
    };
  });
  ranked.sort(
    (a, b) => a.completeness - b.completeness || a.timeliness - b.timeliness || a.order - b.order,
  );
  return ranked.map((r) => r.unit);
}

const percent = (share) => Math.round(share * 1000) / 10;

export async function reportingView({ params, signal, show }) {
  const programCode = params.get('program') || null;
  const [today, { programs }] = await Promise.all([
    centreToday(signal),
    gql('query { programs { code name } }', {}, signal),
  ]);
  const months = await completenessOf(monthsBefore(today, MONTHS), programCode, signal);
  const units = provincesWorstFirst(months, today);
  const cells = months.map((m) => new Map(m.provinces.map((r) => [r.unit.code, r])));
  const periods = months.map((m) => m.period);

  const headers = () => [
    t('province'),
    ...periods.flatMap((p) => [
      `${p} ${t('completeness')} (%)`,
      `${p} ${t('timeliness')} (%)`,
      `${p} ${t('late')}`,
    ]),
  ];
  const figures = (row) =>
    row ? [percent(row.completeness), percent(row.timeliness), lateOf(row)] : ['', '', ''];
  const rows = () => [
    ...units.map((u) => [u.name, ...cells.flatMap((c) => figures(c.get(u.code)))]),
    [t('national'), ...months.flatMap(figures)],
  ];
  const choose = (e) =>
    (location.hash = e.target.value ? `#/reporting?program=${e.target.value}` : '#/reporting');

  show(
    html`<h1>${t('reportingTitle')}</h1>
      <div class="filters">
        <select id="program" aria-label=${t('program')} @change=${choose}>
          <option value="">${t('allPrograms')}</option>
          ${programs.map(
            (p) =>
              html`<option value=${p.code} ?selected=${p.code === programCode}>${p.name}</option>`,
          )}
        </select>
        ${exportButtons(
          `bao-cao-dinh-ky-${periods[0]}-${periods.at(-1)}${programCode ? `-${programCode}` : ''}`,
          headers,
          rows,
        )}
      </div>
      <p class="muted">${t('reportingKey')}</p>
      <!-- a region the keyboard can scroll: its cells hold no link to focus -->
      <div class="scroll" tabindex="0" role="region" aria-label=${t('reportingTitle')}>
        <table id="completeness">
          <thead>
            <tr>
              <th scope="col">${t('province')}</th>
              ${months.map(
                (m) =>
                  html`<th scope="col" data-period=${m.period}>
                    ${formatMonth(m.period)}
                    ${
                      isOpen(m, today)
                        ? html`<br /><span class="open"
                              >${fill('openUntil', { deadline: formatDate(m.deadline) })}</span
                            >`
                        : ''
                    }
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${units.map(
              (u) =>
                html`<tr data-province=${u.code}>
                  <th scope="row">${u.name}</th>
                  ${cells.map((c, i) => {
                    const row = c.get(u.code);
                    return row ? cueCell(row, { period: periods[i] }) : html`<td>—</td>`;
                  })}
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${t('national')}</th>
              ${months.map((m) => cueCell(m, { period: m.period }))}
            </tr>
          </tfoot>
        </table>
      </div>`,
  );
}
