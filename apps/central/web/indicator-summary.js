// Where an indicator stands, as both the overview's card and the indicator's page say it:
// its latest national value against its next target, on or off track, and the projection.
import { html, nothing } from '/vendor/lit-html/lit-html.js';
import { trendConfig } from './charts.js';
import { fill, formatDate, formatMonth, formatValue } from './format.js';
import { TRACK_ICON } from './i18n.js';
import { t } from './ui.js';

/** The fields of an indicator these summaries read. */
export const INDICATOR_FIELDS = `code name kind measure targets { value due }
  series { period value numerator denominator reportingUnits expectedUnits }
  projection { target { value due } latest { period value } projectedDate onTrack }`;

/** The target the indicator is judged against: the next one not yet due, else the last. */
export const targetOf = (indicator) =>
  indicator.projection?.target ?? indicator.targets.at(-1) ?? null;

/** The latest month with a national value. */
export const latestOf = (indicator) =>
  indicator.series.filter((f) => f.value !== null).at(-1) ?? null;

/** "10,6% / 30% đến 31/12/2020" (without a target, the value alone). */
export function valueAgainstTarget(indicator) {
  const latest = latestOf(indicator);
  const target = targetOf(indicator);
  const value = formatValue(indicator, latest?.value);
  if (!target) return value;
  return fill('valueAgainstTarget', {
    value,
    target: formatValue(indicator, target.value),
    due: formatDate(target.due),
  });
}

/** ON TRACK / OFF TRACK, in words and a symbol as well as the colour. */
export function trackBadge(indicator) {
  if (!indicator.projection) return nothing;
  const on = indicator.projection.onTrack;
  return html`<span class="badge track ${on ? 'on' : 'off'}" data-track=${on}
    >${TRACK_ICON[on]} ${t(on ? 'onTrack' : 'offTrack')}</span
  >`;
}

/** "At this pace it reaches 30% in March 2021." / "… never reaches 30%." */
export function projectionSentence(indicator) {
  const p = indicator.projection;
  if (!p) return t('noTargetAhead');
  const target = formatValue(indicator, p.target.value);
  return p.projectedDate
    ? fill('reachesIn', { target, month: formatMonth(p.projectedDate) })
    : fill('neverReaches', { target });
}

/** The national series and the target line, as a chart's configuration. */
export function indicatorTrend(indicator, small) {
  const target = targetOf(indicator);
  const format = (v) => formatValue(indicator, v);
  return trendConfig({
    labels: indicator.series.map((f) => formatMonth(f.period)),
    values: indicator.series.map((f) => f.value),
    target: target?.value ?? null,
    seriesLabel: t('national'),
    targetLabel: target
      ? fill('targetLine', { target: format(target.value), due: formatDate(target.due) })
      : '',
    format,
    small,
  });
}
