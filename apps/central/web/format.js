// Numbers, days and months as the reader's language writes them ("10,6%" and "tháng 3/2021" in
// Vietnamese, "10.6%" and "March 2021" in English), for the indicator and reporting views.
import { language, t } from './ui.js';

const locale = () => (language() === 'vi' ? 'vi-VN' : 'en-GB');

export const formatNumber = (n, digits = 1) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);

/** A share 0-1 as a percentage. */
export const formatShare = (share) => `${formatNumber(share * 100)}%`;

/** An ISO day as dd/mm/yyyy, as Vietnamese documents (and the resolutions' deadlines) write it. */
export const formatDate = (iso) => iso.split('-').reverse().join('/');

/** A month (YYYY-MM or a day in it) with its year. */
export function formatMonth(period) {
  const [y, m] = period.split('-').map(Number);
  if (language() === 'vi') return `tháng ${m}/${y}`;
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${month.format(Date.UTC(y, m - 1, 1))} ${y}`;
}

/** An indicator's value in its measure: a RATIO's share as a percentage, a COUNT with its unit. */
export const formatValue = (indicator, value) => {
  if (value === null || value === undefined) return '—';
  return indicator.kind === 'RATIO'
    ? formatShare(value)
    : `${formatNumber(value, 0)} ${indicator.measure}`;
};

/** A text of i18n.js with its {placeholders} filled. */
export const fill = (key, vars) => t(key).replace(/\{(\w+)\}/g, (_, name) => vars[name]);
