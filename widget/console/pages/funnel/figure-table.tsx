// A table of figures per row (a rep, a source): the row's name, then its numbers, right-aligned. Its caption is
// for screen readers; the section's heading says what it is to everyone else.
export interface FigureRow {
  key: string;
  label: string;
  cells: (string | number)[];
}

export function FigureTable(props: { caption: string; head: string[]; rows: FigureRow[] }) {
  const [first, ...numbers] = props.head;
  return (
    <table class="funnel-sources">
      <caption class="banter-sr">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {numbers.map((h) => (
            <th key={h} scope="col" class="funnel-num">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {r.cells.map((c, i) => (
              <td key={numbers[i]} class="funnel-num">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
