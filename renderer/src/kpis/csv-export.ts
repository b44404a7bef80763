// A chart's data as a CSV file (RFC 4180: comma-separated, CRLF, quoted where needed), for a
// spreadsheet. Numbers stay machine-readable (a dot for decimals); text that a spreadsheet would
// run as a formula (=, +, -, @ first) is prefixed with an apostrophe, so a reason code or SKU
// from the ledger can never become one.

export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
