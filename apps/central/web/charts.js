// The charts of the indicator views, drawn by Chart.js (its UMD build, loaded by index.html as
// window.Chart). Each chart is readable without colour: lines differ by dash and point style,
// the legend shows both, and every canvas has a text label and a table of its figures beside it.
import { html } from '/vendor/lit-html/lit-html.js';
import { ref } from '/vendor/lit-html/directives/ref.js';

const INK = '#1d2330';
const SERIES = '#2f6fb3';
const TARGET = '#b3261e';

function chartDefaults(Chart) {
  Chart.defaults.animation = false; // the figures are read, not watched; screenshots stay exact
  Chart.defaults.color = INK;
  Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
  Chart.defaults.maintainAspectRatio = false; // the box's CSS height decides
}
chartDefaults(window.Chart);

/**
 * Draws once lit-html has put the canvas in the page (a ref is called while the template is
 * still a detached fragment). Charts of canvases no longer in the page are let go: the views
 * replace their elements on each visit.
 */
function draw(canvas, config, height) {
  const { Chart } = window;
  if (!canvas.isConnected) return;
  if (height) canvas.parentElement.style.height = `${height}px`;
  Object.values(Chart.instances).forEach((c) => !c.canvas.isConnected && c.destroy());
  Chart.getChart(canvas)?.destroy();
  new Chart(canvas, config);
}

/**
 * A canvas with its chart, named for screen readers by `label` (the figures are in a table).
 * `height` in pixels, when the figures decide it (a bar per province); else the CSS of `kind`.
 * (Set through the DOM: the content security policy refuses style attributes.)
 */
export const chart = (label, config, kind, height = null) =>
  html`<div class="chart chart-${kind}">
    <canvas
      role="img"
      aria-label=${label}
      ${ref((c) => c && queueMicrotask(() => draw(c, config, height)))}
      >${label}</canvas
    >
  </div>`;

/**
 * A series over months and its target as a dashed line across them. `small`: the overview's
 * trend line, without axes' titles or legend (the card beside it says the figures).
 */
export function trendConfig({ labels, values, target, seriesLabel, targetLabel, format, small }) {
  const datasets = [
    {
      label: seriesLabel,
      data: values,
      borderColor: SERIES,
      backgroundColor: SERIES,
      borderWidth: 2,
      pointStyle: 'circle',
      pointRadius: small ? 2 : 4,
      spanGaps: true,
    },
  ];
  if (target !== null) {
    datasets.push({
      label: targetLabel,
      data: labels.map(() => target),
      borderColor: TARGET,
      backgroundColor: TARGET,
      borderWidth: 2,
      borderDash: [6, 4],
      pointStyle: 'line', // the legend draws the dashed line itself
      pointRadius: 0,
    });
  }
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      plugins: {
        legend: {
          display: !small,
          labels: { usePointStyle: true, boxHeight: 14 },
        },
        tooltip: {
          enabled: !small,
          callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` },
        },
      },
      scales: {
        x: { display: !small },
        y: { display: !small, beginAtZero: true, ticks: { callback: (v) => format(v) } },
      },
    },
  };
}

/** Provinces as horizontal bars, in the order given (the view ranks them). */
export function rankedBarsConfig({ labels, values, label, target, format }) {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label, data: values, backgroundColor: SERIES, borderColor: INK, borderWidth: 1 },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => format(c.parsed.x) } },
      },
      scales: {
        x: {
          beginAtZero: true,
          suggestedMax: target ?? undefined,
          ticks: { callback: (v) => format(v) },
        },
      },
    },
  };
}
