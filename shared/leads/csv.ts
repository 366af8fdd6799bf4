// CSV for lead exports: RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised.

// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before one) is
// prefixed with a single quote, so opening the export never runs anything a visitor typed. Checked by character
// codes rather than regular expressions: an export runs this for every cell of every row, and most cells need
// nothing, so they are returned as they are, with nothing allocated.
function cell(value: string): string {
  const first = value.charCodeAt(0);
  const safe =
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  for (let i = 0; i < safe.length; i++) {
    const c = safe.charCodeAt(i);
    // " , \r \n
    if (c === 34 || c === 44 || c === 13 || c === 10) return `"${safe.replaceAll('"', '""')}"`;
  }
  return safe;
}

// One row's line, joined: a flat string of its own length. Built by `+=` it would be a tree of two small strings a
// cell, about 1 KB a row rather than 100 bytes, and an export holds its lines until they are written (an export
// of every row promoted that to V8's old generation: npm run bench, BENCH_ONLY=leads).
export function csvLine(row: readonly string[]): string {
  return `${row.map(cell).join(",")}\r\n`;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  let text = "";
  for (const row of rows) text += csvLine(row);
  return text === "" ? "\r\n" : text;
}
