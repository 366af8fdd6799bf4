// CSV for lead exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised.

// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before one) is
// prefixed with a single quote, so opening the export never runs anything a visitor typed.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
