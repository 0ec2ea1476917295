import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Locator, Page } from 'playwright-core';

/** The file a button downloads: its name and its path on this machine. */
async function download(page: Page, button: Locator): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), path: (await file.path())! };
}

/** A CSV export's name and cells (the views quote every cell and start with a byte-order mark). */
export async function downloadCsv(
  page: Page,
  button: Locator,
): Promise<{ name: string; bom: boolean; rows: string[][] }> {
  const { name, path } = await download(page, button);
  const text = (await readFile(path)).toString('utf8');
  const rows = text
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
  return { name, bom: text.startsWith('\ufeff'), rows };
}

/** An Excel export's name and the values of its first sheet, row by row. */
export async function downloadXlsx(
  page: Page,
  button: Locator,
): Promise<{ name: string; rows: unknown[][] }> {
  const { name, path } = await download(page, button);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name, rows };
}
