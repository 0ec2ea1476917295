// What the completeness page and the overview's league share: which months they show, the query
// for them, and how a province's month reads (its %, how many came late, a symbol and a colour).
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from './api.js';
import { fill, formatShare } from './format.js';

const ROW = 'expected received onTime completeness timeliness';

/**
 * One request for several months, each an alias (m0, m1, …) of reportingCompleteness, with
 * the national figures and the provinces worst first.
 */
export async function completenessOf(periods, programCode, signal) {
  const fields = periods
    .map(
      (_, i) => `m${i}: reportingCompleteness(period: $p${i}, programCode: $program) {
        period deadline ${ROW} provinces { unit { code name } ${ROW} } }`,
    )
    .join('\n');
  const params = periods.map((_, i) => `$p${i}: String!`).join(', ');
  const variables = { program: programCode ?? null };
  periods.forEach((p, i) => (variables[`p${i}`] = p));
  const data = await gql(`query(${params}, $program: ID) { ${fields} }`, variables, signal);
  return periods.map((_, i) => data[`m${i}`]);
}

/** The centre's today (the overview's "as of"): the months shown are relative to it. */
export const centreToday = (signal) =>
  gql('query { nationalDashboard { asOf } }', {}, signal).then((d) => d.nationalDashboard.asOf);

/** The `n` months ending with the one before `day`'s, oldest first (YYYY-MM). */
export function monthsBefore(day, n) {
  const [y, m] = day.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - n + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A month is open while its deadline has not passed: reports may still come on time. */
export const isOpen = (month, today) => month.deadline >= today;

/** The band a completeness falls in, with the symbol that says it without colour. */
function band(row) {
  if (row.expected === 0) return { name: 'none', symbol: '—' };
  if (row.completeness >= 1) return { name: 'full', symbol: '✓' };
  if (row.completeness >= 0.5) return { name: 'part', symbol: '◑' };
  return { name: 'low', symbol: '✕' };
}

export const lateOf = (row) => row.received - row.onTime;

/** "◑ 67% · 1 trễ": a cell's text, the same in the page and its exports' readers' eyes. */
export function cueText(row) {
  const { symbol } = band(row);
  if (row.expected === 0) return symbol;
  const late = lateOf(row);
  return `${symbol} ${formatShare(row.completeness)}${late ? ` · ${fill('lateCount', { n: late })}` : ''}`;
}

/** A table cell coloured by completeness, with its text cue and the counts in its title. */
export const cueCell = (row, attrs = {}) =>
  html`<td
    class="rc rc-${band(row).name}"
    data-period=${attrs.period ?? ''}
    title=${`${row.received}/${row.expected}`}
  >
    ${cueText(row)}
  </td>`;
