// Exports of what a view lists, as CSV or as XLSX (ExcelJS, loaded by index.html).
import { html } from '/vendor/lit-html/lit-html.js';
import { showError } from './screen.js';
import { t } from './ui.js';

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportCsv(name, headers, rows) {
  const cell = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const text = [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');
  // The byte-order mark makes Excel read the Vietnamese as UTF-8.
  download(`${name}.csv`, new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
}

async function exportXlsx(name, headers, rows) {
  const book = new window.ExcelJS.Workbook();
  const sheet = book.addWorksheet(name.slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  rows.forEach((r) => sheet.addRow(r));
  sheet.columns.forEach((c) => (c.width = 18));
  const buffer = await book.xlsx.writeBuffer();
  download(
    `${name}.xlsx`,
    new Blob([buffer], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
}

/** The two export buttons; `headers` and `rows` are read when one is pressed. */
export const exportButtons = (name, headers, rows) =>
  html`<button type="button" @click=${() => exportCsv(name, headers(), rows())}>
      ${t('exportCsv')}
    </button>
    <button type="button" @click=${() => exportXlsx(name, headers(), rows()).catch(showError)}>
      ${t('exportXlsx')}
    </button>`;
