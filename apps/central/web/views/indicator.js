// One indicator: its national series against the target line, when it gets there at this pace,
// and the provinces ranked for a month (`?period=YYYY-MM`, default the latest with values),
// furthest from the target first, each with its exports for the meeting pack.
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { chart, rankedBarsConfig } from '../charts.js';
import { exportButtons } from '../exports.js';
import { fill, formatMonth, formatNumber, formatValue } from '../format.js';
import {
  INDICATOR_FIELDS,
  indicatorTrend,
  projectionSentence,
  targetOf,
  trackBadge,
  valueAgainstTarget,
} from '../indicator-summary.js';
import { headings, t } from '../ui.js';

const INDICATOR = `query($code: ID!, $period: String) { indicator(code: $code) { ${INDICATOR_FIELDS}
  owner { name } program { name }
  byProvince(period: $period) { unit { code name } figure { period value numerator denominator } gapToTarget } } }`;

const BAR_HEIGHT = 26;

/** A share in exports as a percentage number (Excel sums and charts it), a count as it is. */
const exported = (indicator, v) =>
  v === null ? '' : indicator.kind === 'RATIO' ? Math.round(v * 10000) / 100 : v;

/** A sum as people wrote its terms (127.2, not the 127.19999999999999 of adding floats). */
const tidy = (n) => (n === null ? '' : Math.round(n * 1e6) / 1e6);

const valueHeader = (indicator) =>
  `${t('value')} (${indicator.kind === 'RATIO' ? '%' : indicator.measure})`;

function seriesSection(indicator) {
  const columns = ['month', 'value', 'numerator', 'denominator', 'reportingUnits', 'expectedUnits'];
  const headers = () => [t('month'), valueHeader(indicator), ...columns.slice(2).map(t)];
  const rows = () =>
    indicator.series.map((f) => [
      f.period,
      exported(indicator, f.value),
      tidy(f.numerator),
      tidy(f.denominator),
      f.reportingUnits,
      f.expectedUnits,
    ]);
  return html`<section id="series">
    <h2>${t('seriesTitle')}</h2>
    <div class="filters">${exportButtons(`chi-tieu-${indicator.code}`, headers, rows)}</div>
    ${chart(fill('trendLabel', { name: indicator.name }), indicatorTrend(indicator, false), 'series')}
    <details>
      <summary>${t('figuresTable')}</summary>
      <table>
        <caption>
          ${t('seriesTitle')}
        </caption>
        <thead>
          <tr>
            ${headings(columns)}
          </tr>
        </thead>
        <tbody>
          ${indicator.series.map(
            (f) =>
              html`<tr>
                <td>${formatMonth(f.period)}</td>
                <td>${formatValue(indicator, f.value)}</td>
                <td>${f.numerator === null ? '' : formatNumber(f.numerator, 2)}</td>
                <td>${f.denominator === null ? '' : formatNumber(f.denominator, 2)}</td>
                <td>${f.reportingUnits}</td>
                <td>${f.expectedUnits}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </section>`;
}

/** "Đã đạt" once the province is at or past the target, else how far it still is. */
const gapText = (indicator, gap) =>
  gap === null ? '' : gap <= 0 ? t('targetMet') : formatValue(indicator, gap);

function provincesSection(indicator, period) {
  const rows = indicator.byProvince;
  const reported = rows.filter((r) => r.figure.value !== null);
  const format = (v) => formatValue(indicator, v);
  const months = indicator.series.map((f) => f.period).reverse();
  const headers = () => [t('rank'), t('province'), valueHeader(indicator), t('gapToTarget')];
  const exportRows = () =>
    rows.map((r, i) => [
      r.figure.value === null ? '' : i + 1,
      r.unit.name,
      exported(indicator, r.figure.value),
      exported(indicator, r.gapToTarget),
    ]);
  const choose = (e) => (location.hash = `#/indicator/${indicator.code}?period=${e.target.value}`);
  return html`<section id="provinces">
    <h2>${t('provincesTitle')}</h2>
    <div class="filters">
      <label
        >${t('month')}
        <select id="period" @change=${choose}>
          ${months.map(
            (m) => html`<option value=${m} ?selected=${m === period}>${formatMonth(m)}</option>`,
          )}
        </select></label
      >
      ${exportButtons(`chi-tieu-${indicator.code}-tinh-${period}`, headers, exportRows)}
    </div>
    ${
      reported.length
        ? chart(
            fill('barsLabel', { name: indicator.name, month: formatMonth(period) }),
            rankedBarsConfig({
              labels: reported.map((r) => r.unit.name),
              values: reported.map((r) => r.figure.value),
              label: formatMonth(period),
              target: targetOf(indicator)?.value ?? null,
              format,
            }),
            'bars',
            40 + reported.length * BAR_HEIGHT,
          )
        : html`<p class="muted">${t('noFigures')}</p>`
    }
    <table id="ranking">
      <thead>
        <tr>
          ${headings(['rank', 'province', 'value', 'gapToTarget'])}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r, i) =>
            html`<tr data-province=${r.unit.code}>
              <td>${r.figure.value === null ? '' : i + 1}</td>
              <td>${r.unit.name}</td>
              <td>${r.figure.value === null ? t('notReported') : format(r.figure.value)}</td>
              <td>${gapText(indicator, r.gapToTarget)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export async function indicatorView({ arg: code, params, signal, show }) {
  // Left out, not null, without a month: the API reads an explicit null as a month to check.
  const period = params.get('period') ?? undefined;
  const { indicator } = await gql(INDICATOR, { code, period }, signal);
  if (!indicator) throw new Error(fill('unknownIndicator', { code }));
  const shown = period ?? indicator.byProvince[0]?.figure.period ?? indicator.series.at(-1)?.period;
  show(
    html`<h1>${indicator.name}</h1>
      <p class="muted">
        ${indicator.owner.name}${indicator.program ? ` · ${indicator.program.name}` : ''}
      </p>
      <div class="card summary">
        <p class="figure">${valueAgainstTarget(indicator)}</p>
        <p>
          ${trackBadge(indicator)} <span class="projection">${projectionSentence(indicator)}</span>
        </p>
      </div>
      ${seriesSection(indicator)} ${shown ? provincesSection(indicator, shown) : ''}`,
  );
}
