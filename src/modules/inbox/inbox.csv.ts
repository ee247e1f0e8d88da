/**
 * CSV for spreadsheets (RFC 4180): a header row, CRLF line ends, fields quoted when they must be,
 * a byte-order mark so spreadsheet programs read Korean as UTF-8, and cells that would start a
 * formula (=, +, -, @, tab, CR) prefixed with an apostrophe so a case title can't run as one.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as CSV text; null is an empty cell. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: the header, then one line per row in the header's order. */
export function toCsv<K extends string>(header: readonly K[], rows: readonly Record<K, string | number | null>[]): string {
  const lines = [header.map((h) => csvCell(h)).join(',')];
  for (const row of rows) lines.push(header.map((h) => csvCell(row[h])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
