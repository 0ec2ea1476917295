// The overview's indicators: for each, where the country stands against its next target, its
// trend with the target line, and when it gets there at this pace; each opens its own page.
import { html } from '/vendor/lit-html/lit-html.js';
import { gql } from '../api.js';
import { chart } from '../charts.js';
import { fill, formatMonth } from '../format.js';
import {
  INDICATOR_FIELDS,
  indicatorTrend,
  latestOf,
  projectionSentence,
  trackBadge,
  valueAgainstTarget,
} from '../indicator-summary.js';
import { t } from '../ui.js';

const INDICATORS = `query { indicators { ${INDICATOR_FIELDS} } }`;

export const loadIndicators = (signal) => gql(INDICATORS, {}, signal).then((d) => d.indicators);

const card = (indicator) => {
  const latest = latestOf(indicator);
  return html`<article class="card indicator" data-code=${indicator.code}>
    <h3><a href="#/indicator/${indicator.code}">${indicator.name}</a></h3>
    <p class="figure">${valueAgainstTarget(indicator)}</p>
    <p class="muted">
      ${latest ? fill('figuresOf', { month: formatMonth(latest.period) }) : t('noFigures')}
    </p>
    ${chart(fill('trendLabel', { name: indicator.name }), indicatorTrend(indicator, true), 'trend')}
    <p>${trackBadge(indicator)} <span class="projection">${projectionSentence(indicator)}</span></p>
  </article>`;
};

export const indicatorsSection = (indicators) =>
  html`<section id="indicators">
    <h2>${t('indicators')}</h2>
    ${
      indicators.length
        ? html`<div class="cards">${indicators.map(card)}</div>`
        : html`<p class="muted">${t('noIndicators')}</p>`
    }
  </section>`;
